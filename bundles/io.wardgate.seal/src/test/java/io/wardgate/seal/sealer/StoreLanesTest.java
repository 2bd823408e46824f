package io.wardgate.seal.sealer;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.EnvelopeTags;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.api.pipeline.StoreOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The store lanes: stores of different devices overlap (one group commit can take them), one device's stay in order. */
class StoreLanesTest {

    @Test
    void devicesOnDifferentLanesAreStoredConcurrentlyAndEachDeviceInOrder() throws Exception {
        List<String> devices = devicesOnDistinctLanes(2);
        CountDownLatch bothInside = new CountDownLatch(2);
        AtomicInteger overlapped = new AtomicInteger();
        InMemoryOutbox memory = new InMemoryOutbox();
        Map<String, List<Long>> order = new ConcurrentHashMap<>();
        AtomicInteger reported = new AtomicInteger();
        StoreLanes lanes = new StoreLanes(new DelegatingOutbox(memory) {
            @Override
            public StoreOutcome store(SealedEnvelope envelope) {
                bothInside.countDown();
                try {
                    // The first store of each device waits for the other device's: only concurrent lanes get past.
                    if (bothInside.await(5, TimeUnit.SECONDS)) {
                        overlapped.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                order.computeIfAbsent(envelope.tags().deviceId(), d -> new ArrayList<>()).add(envelope.tags().sequence());
                return super.store(envelope);
            }
        }, new StoreLanes.Done() {
            @Override
            public void stored(SealedEnvelope envelope, StoreOutcome outcome) {
                reported.incrementAndGet();
            }

            @Override
            public void failed(SealedEnvelope envelope, RuntimeException error) {
                throw new AssertionError(error);
            }
        });
        try {
            for (long sequence = 0; sequence < 50; sequence++) {
                for (String device : devices) {
                    lanes.store(envelope(device, sequence));
                }
            }
            assertThat(lanes.awaitIdle(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            lanes.close();
        }
        assertThat(overlapped.get()).as("stores of the two devices overlapped").isGreaterThanOrEqualTo(2);
        assertThat(memory.envelopes()).hasSize(100);
        assertThat(reported.get()).isEqualTo(100);
        for (String device : devices) {
            assertThat(order.get(device)).as(device).hasSize(50).isSorted();
        }
    }

    @Test
    void anOutboxThatThrowsIsReportedAndTheLaneGoesOn() throws Exception {
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger stored = new AtomicInteger();
        InMemoryOutbox memory = new InMemoryOutbox();
        StoreLanes lanes = new StoreLanes(new DelegatingOutbox(memory) {
            @Override
            public StoreOutcome store(SealedEnvelope envelope) {
                if (envelope.tags().sequence() == 0) {
                    throw new IllegalStateException("disk gone");
                }
                return super.store(envelope);
            }
        }, new StoreLanes.Done() {
            @Override
            public void stored(SealedEnvelope envelope, StoreOutcome outcome) {
                stored.incrementAndGet();
            }

            @Override
            public void failed(SealedEnvelope envelope, RuntimeException error) {
                failed.incrementAndGet();
            }
        });
        try {
            lanes.store(envelope("serial:/dev/a", 0));
            lanes.store(envelope("serial:/dev/a", 1));
            assertThat(lanes.awaitIdle(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            lanes.close();
        }
        assertThat(failed.get()).isEqualTo(1);
        assertThat(stored.get()).isEqualTo(1);
        assertThat(memory.envelopes()).extracting(e -> e.tags().sequence()).containsExactly(1L);
    }

    private static List<String> devicesOnDistinctLanes(int count) {
        List<String> devices = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        for (int i = 0; devices.size() < count; i++) {
            String id = "serial:/dev/bed-" + i;
            if (!used.contains(StoreLanes.laneOf(id))) {
                used.add(StoreLanes.laneOf(id));
                devices.add(id);
            }
        }
        return devices;
    }

    private static SealedEnvelope envelope(String device, long sequence) {
        return new SealedEnvelope(new EnvelopeTags("wg-test", device, 1, sequence, Instant.EPOCH,
                "wardgate/s/w/wg-test/vitals/x", 5, 1), new byte[] {1, 2, 3});
    }
}
