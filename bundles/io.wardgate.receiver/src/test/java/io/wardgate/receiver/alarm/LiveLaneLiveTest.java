package io.wardgate.receiver.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.receiver.Receiver;
import io.wardgate.receiver.WindowDeduplicator;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.SealTags;
import io.wardgate.testkit.TestSubscriber;
import io.wardgate.testkit.TestTls;
import io.wardgate.uplink.UplinkEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25 item 4, end to end (seal, SQLite outbox, uplink over mutual TLS, the testkit's broker, receiver):
 * live readings stored while a backlog drains do not wait behind it; the backlog still arrives in order; and
 * the receiver, whose de-duplication window is far smaller than the backlog, takes the backlog's lower
 * sequence numbers arriving later as backfill: every reading written once, nothing STALE, no gap left.
 */
class LiveLaneLiveTest {
    private static final int BACKLOG = 1500;
    private static final int LIVE = 5;

    @TempDir
    Path dir;

    @Test
    void liveReadingsDuringADrainGoAheadOfTheBacklogWhichArrivesInOrderAsBackfill() throws Exception {
        int sentBeforeLive;
        List<TestSubscriber.Received> received;
        try (SealingGateway gateway = new SealingGateway(dir);
                TestSubscriber backend = TestSubscriber.connect(gateway.broker.url(), "backend-receiver",
                        TestTls.context(gateway.pki.client("backend-receiver"), gateway.pki.caCertificate()),
                        "wardgate/+/+/+/+/+")) {
            for (int i = 0; i < BACKLOG; i++) { // the outage: one reading per envelope, stored, none sent
                gateway.reading(i);
            }
            gateway.sealer.flushNow();
            gateway.outage(Duration.ofMinutes(2));
            try (UplinkEngine uplink = gateway.uplink(1)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> backend.received().size() >= 20);
                for (int i = 0; i < LIVE; i++) { // live data during the drain
                    gateway.reading(BACKLOG + i);
                    gateway.sealer.flushNow();
                }
                sentBeforeLive = backend.received().size();
                assertThat(sentBeforeLive).as("live data must come while most of the backlog waits")
                        .isLessThan(BACKLOG / 2);
                await().atMost(Duration.ofSeconds(180)).until(() -> backend.received().size() >= BACKLOG + LIVE);
            }
            received = backend.received();
        }
        WindowDeduplicator dedup = new WindowDeduplicator(64, 100);
        Receiver receiver = SealingGateway.receiver(dedup, List.of());
        List<Long> arrivalOrder = new ArrayList<>();
        SealTags stream = null;
        for (TestSubscriber.Received message : received) {
            OpenResult result = receiver.receive(message.topic(), message.payload());
            assertThat(result).as("every envelope opened and new (backfill is not STALE)")
                    .isInstanceOf(OpenResult.Opened.class);
            stream = ((OpenResult.Opened) result).tags();
            arrivalOrder.add(stream.sequence());
        }
        List<Long> live = arrivalOrder.stream().filter(s -> s >= BACKLOG).toList();
        List<Long> backlog = arrivalOrder.stream().filter(s -> s < BACKLOG).toList();
        assertThat(live).as("live data in order").isSorted().hasSize(LIVE);
        assertThat(backlog).as("the backlog in order, each once").isSorted().doesNotHaveDuplicates().hasSize(BACKLOG);
        assertThat(arrivalOrder.indexOf(live.get(LIVE - 1))).as("every live envelope ahead of most of the backlog")
                .isLessThan(sentBeforeLive + LIVE + 50);
        assertThat(dedup.missing(stream)).as("no gap left once the backfill arrived").isEmpty();
    }
}
