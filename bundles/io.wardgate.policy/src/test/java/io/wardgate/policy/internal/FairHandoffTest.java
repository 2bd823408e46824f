package io.wardgate.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Transport;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.api.pipeline.Route;
import io.wardgate.api.pipeline.Sealer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Who hands a batch to the sealer (issue 25, CPU per reading line): the submitting thread when the hand-off
 * is idle, so no thread is woken per line; the hand-off thread for what queued while a batch was with the
 * sealer, in turns per device and in order, without the submitting threads waiting for it.
 */
class FairHandoffTest {
    static final DeviceIdentity A = new DeviceIdentity(Transport.SERIAL, "/dev/wardgate/bed-1", "MX450", "A1", "");
    static final DeviceIdentity B = new DeviceIdentity(Transport.SERIAL, "/dev/wardgate/bed-2", "MX450", "B2", "");
    static final Route ROUTE = new Route("icu", "vitals", "k1", 5);

    /** Records each batch with the thread that handed it over; the first can be held until released. */
    static final class ThreadRecordingSealer implements Sealer {
        record Sealed(int value, String thread) {
        }

        final ConcurrentLinkedQueue<Sealed> sealed = new ConcurrentLinkedQueue<>();
        final CountDownLatch firstHeld = new CountDownLatch(1);
        volatile CountDownLatch gate;

        @Override
        public void seal(AdmittedReadings readings) {
            sealed.add(new Sealed(value(readings), Thread.currentThread().getName()));
            CountDownLatch g = gate;
            if (g != null) {
                firstHeld.countDown();
                try {
                    g.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        List<Integer> values() {
            return sealed.stream().map(Sealed::value).toList();
        }
    }

    static AdmittedReadings batch(DeviceIdentity device, int value) {
        return new AdmittedReadings(Fixture.spo2(device, value), ROUTE);
    }

    static int value(AdmittedReadings readings) {
        return ((io.wardgate.api.Observation) readings.readings().readings().get(0)).value().toBigDecimal().intValueExact();
    }

    private static FairHandoff handoff(Sealer sealer) {
        return new FairHandoff(sealer, batch -> true, 8, task -> new Thread(task, "test-handoff"));
    }

    @Test
    void anIdleHandOffSealsOnTheSubmittingThreadWithoutWakingItsOwn() {
        ThreadRecordingSealer sealer = new ThreadRecordingSealer();
        try (FairHandoff handoff = handoff(sealer)) {
            for (int i = 0; i < 5; i++) {
                assertThat(handoff.offer(A.id(), batch(A, 90 + i))).isTrue();
            }
            // Sealed before offer returned: nothing was left for another thread.
            assertThat(sealer.sealed).extracting(ThreadRecordingSealer.Sealed::thread)
                    .containsOnly(Thread.currentThread().getName()).hasSize(5);
            assertThat(sealer.values()).containsExactly(90, 91, 92, 93, 94);
        }
    }

    @Test
    void whileABatchIsWithTheSealerOthersQueueAndTheHandOffThreadTakesThemInTurnsAndInOrder() throws Exception {
        ThreadRecordingSealer sealer = new ThreadRecordingSealer();
        CountDownLatch gate = new CountDownLatch(1);
        sealer.gate = gate;
        try (FairHandoff handoff = handoff(sealer)) {
            Thread first = new Thread(() -> handoff.offer(A.id(), batch(A, 1)), "reader-a");
            first.start();
            assertThat(sealer.firstHeld.await(30, TimeUnit.SECONDS)).isTrue();
            sealer.gate = null; // only the first is held

            // The sealer is busy: these return at once (this thread would hang here if it sealed them).
            assertThat(handoff.offer(A.id(), batch(A, 2))).isTrue();
            assertThat(handoff.offer(A.id(), batch(A, 3))).isTrue();
            assertThat(handoff.offer(B.id(), batch(B, 101))).isTrue();
            assertThat(sealer.values()).containsExactly(1);

            gate.countDown();
            first.join(30_000);
            await().atMost(Duration.ofSeconds(30)).until(() -> sealer.sealed.size() == 4);
            assertThat(sealer.values()).containsExactly(1, 2, 101, 3); // A, then B's turn, then A again
            assertThat(sealer.sealed).extracting(ThreadRecordingSealer.Sealed::thread)
                    .containsExactly("reader-a", "test-handoff", "test-handoff", "test-handoff");
        }
    }
}
