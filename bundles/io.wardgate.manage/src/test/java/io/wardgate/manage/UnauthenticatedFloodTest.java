package io.wardgate.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.manage.client.AdminClient;
import io.wardgate.testkit.Publish;
import io.wardgate.testkit.TestSubscriber;
import io.wardgate.testkit.TestTls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 4 of the security review: a burst of unauthenticated management requests (garbage,
 * unsigned, untrusted) must not turn into as many signed replies and audit records. Refusals before
 * authentication are rate-limited and aggregated: a few are recorded and answered, the rest are
 * counted into the next record; signed requests are still answered afterwards.
 */
class UnauthenticatedFloodTest {
    private static final int GARBAGE = 400;

    @TempDir
    Path dir;

    @Test
    void aBurstOfGarbageRequestsYieldsFewRecordsAndRepliesAndOneAggregate() throws Exception {
        try (TestGateway gateway = TestGateway.start(dir, "wg-flood-01")) {
            String prefix = gateway.topicPrefix();
            TestSubscriber replies = gateway.replies("wardgate-admin-replies");
            MqttClient attacker = new MqttClient(gateway.broker().url(), "wardgate-admin-flood", new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setSocketFactory(TestTls.context(gateway.pki().client("wardgate-admin"), gateway.pki().caCertificate())
                    .getSocketFactory());
            attacker.connect(options);
            try {
                for (int i = 0; i < GARBAGE; i++) {
                    Publish.qos1(attacker, prefix + "manage/req/junk-" + i,
                            ("{\"op\":\"status\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
                }
                // A signed request afterwards is still served.
                try (AdminClient admin = gateway.client()) {
                    AdminClient.Reply reply = admin.send(gateway.gatewayId(), "status", Map.of());
                    assertThat(reply.ok()).as(reply.toString()).isTrue();
                }
                long records = refusals(gateway).size();
                long replied = replies.received().stream().filter(r -> r.topic().contains("/manage/reply/junk-")).count();
                assertThat(records).as("audit records for %d garbage requests", GARBAGE).isBetween(1L, 40L);
                assertThat(replied).as("signed replies to %d garbage requests", GARBAGE).isBetween(1L, 40L);

                // Once the limit lets one through again, its record counts the ones held back.
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    Publish.qos1(attacker, prefix + "manage/req/late", "garbage".getBytes(StandardCharsets.UTF_8));
                    return refusals(gateway).stream().anyMatch(e -> e.detail().contains("held back"));
                });
                AuditEvent aggregate = refusals(gateway).stream().filter(e -> e.detail().contains("held back"))
                        .findFirst().orElseThrow();
                long heldBack = Long.parseLong(aggregate.detail().replaceAll(".*\\((\\d+) unauthenticated.*", "$1"));
                assertThat(heldBack + records).as(aggregate.detail()).isGreaterThanOrEqualTo(GARBAGE);
            } finally {
                attacker.disconnect();
                attacker.close();
                replies.close();
            }
        }
    }

    private static List<AuditEvent> refusals(TestGateway gateway) {
        return gateway.recorded().withAction("MANAGE_REQUEST_REFUSED");
    }
}
