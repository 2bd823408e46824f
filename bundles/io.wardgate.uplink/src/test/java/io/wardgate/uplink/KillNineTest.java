package io.wardgate.uplink;

import static io.wardgate.uplink.UplinkFixture.firstArrivals;
import static io.wardgate.uplink.UplinkFixture.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.testkit.MqttBroker;
import io.wardgate.testkit.TestSubscriber;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R1: the gateway process is killed with SIGKILL under load and started again; every sequence
 * number stored before the kill (and after) reaches the backend at least once.
 */
class KillNineTest {
    private static final int LAST = 99;
    private static final String[] DEVICES = {"dev-a", "dev-b", "dev-c"};

    @TempDir
    Path dir;

    @Test
    void everyStoredSequenceNumberArrivesAfterAKillNine() throws Exception {
        try (UplinkFixture fixture = new UplinkFixture(dir)) {
            MqttBroker broker = fixture.broker();
            TestSubscriber backend = fixture.subscriber(broker);
            Path chain = dir.resolve("gateway-chain.pem");
            Path key = dir.resolve("gateway-key.pem");
            fixture.identity.write(chain, key);
            List<String> args = new ArrayList<>(List.of(dir.resolve("gateway.db").toString(), broker.url(),
                    fixture.trustAnchors.toString(), chain.toString(), key.toString(), Integer.toString(LAST)));
            args.addAll(List.of(DEVICES));

            List<String> stored = new CopyOnWriteArrayList<>();
            Process first = start(fixture, args, stored);
            // Killed under load and while connected (so the broker has a will to publish).
            await().atMost(Duration.ofSeconds(60)).until(() -> stored.size() >= 90
                    && firstArrivals(backend.received()).values().stream().mapToInt(List::size).sum() >= 10);
            first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no clean close
            int storedBeforeKill = stored.size();
            assertThat(storedBeforeKill).isLessThan((LAST + 1) * DEVICES.length); // killed under load, not after

            // The broker publishes the dead gateway's last will: a retained "offline" status.
            await().atMost(Duration.ofSeconds(20)).until(() -> backend.received().stream().anyMatch(
                    m -> m.topic().equals(UplinkFixture.STATUS_TOPIC) && m.text().contains("\"state\":\"offline\"")));

            Process second = start(fixture, args, stored);
            await().atMost(Duration.ofSeconds(90)).until(() -> firstArrivals(backend.received()).values().stream()
                    .mapToInt(List::size).sum() == (LAST + 1) * DEVICES.length);
            second.destroyForcibly().waitFor();

            Map<String, List<Long>> arrivals = firstArrivals(backend.received());
            for (String device : DEVICES) {
                assertThat(arrivals.get(device)).as(device).containsExactlyInAnyOrderElementsOf(range(LAST + 1));
            }
            for (String line : stored) {
                String[] parts = line.split(" ");
                assertThat(arrivals.get(parts[1])).as(line).contains(Long.parseLong(parts[2]));
            }
        }
    }

    private Process start(UplinkFixture fixture, List<String> args, List<String> stored) {
        Process process = ChildJvm.start(dir.resolve("gateway.log"), List.of("-Xmx128m"), GatewayProcess.class,
                args.toArray(String[]::new));
        fixture.track(process::destroyForcibly);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> out.lines().filter(l -> l.startsWith("STORED ")).forEach(stored::add),
                "gateway-out");
        reader.setDaemon(true);
        reader.start();
        return process;
    }
}
