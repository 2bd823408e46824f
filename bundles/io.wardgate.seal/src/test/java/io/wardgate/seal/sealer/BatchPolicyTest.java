package io.wardgate.seal.sealer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The decision alone, step by step: no threads, no clock. */
class BatchPolicyTest {
    private static final String BED = "serial:/dev/wardgate/bed-12";
    private static final String OTHER = "ble:AA:BB:CC:DD:EE:FF";

    @Test
    void idleADeviceGoesAtOnce() {
        BatchPolicy policy = new BatchPolicy(true, 50, 1 << 20);
        assertThat(policy.added(BED, 160)).isFalse();
        assertThat(policy.ready(BED)).isTrue();
    }

    @Test
    void whileItsEnvelopeCommitsReadingsCollectAndGoWhenItIsStored() {
        BatchPolicy policy = new BatchPolicy(true, 50, 1 << 20);
        policy.added(BED, 160);
        policy.taken(BED);
        policy.handedOver(BED);
        for (int i = 0; i < 10; i++) {
            assertThat(policy.added(BED, 160)).isFalse();
        }
        assertThat(policy.ready(BED)).as("busy: coalesce").isFalse();
        // Another device is not held back by this one's commit.
        policy.added(OTHER, 160);
        assertThat(policy.ready(OTHER)).isTrue();
        assertThat(policy.stored(BED)).as("committed: the collected batch goes").isTrue();
    }

    @Test
    void nothingCollectedMeansNothingToSealAfterTheCommit() {
        BatchPolicy policy = new BatchPolicy(true, 50, 1 << 20);
        policy.added(BED, 160);
        policy.taken(BED);
        policy.handedOver(BED);
        assertThat(policy.stored(BED)).isFalse();
        assertThat(policy.tracked()).as("an idle device is forgotten").isZero();
    }

    @Test
    void withTwoInFlightItWaitsForBoth() {
        BatchPolicy policy = new BatchPolicy(true, 2, 1 << 20);
        policy.added(BED, 160);
        assertThat(policy.added(BED, 160)).as("size bound while busy").isTrue();
        policy.taken(BED);
        policy.handedOver(BED);
        policy.handedOver(BED);
        policy.added(BED, 160);
        assertThat(policy.stored(BED)).isFalse();
        assertThat(policy.inFlight(BED)).isEqualTo(1);
        assertThat(policy.stored(BED)).isTrue();
    }

    @Test
    void theSizeAndByteBoundsHoldInBothModes() {
        for (boolean adaptive : new boolean[] {true, false}) {
            BatchPolicy bySize = new BatchPolicy(adaptive, 3, 1 << 20);
            assertThat(bySize.added(BED, 160)).isFalse();
            assertThat(bySize.added(BED, 160)).isFalse();
            assertThat(bySize.added(BED, 160)).isTrue();
            BatchPolicy byBytes = new BatchPolicy(adaptive, 10_000, 1000);
            assertThat(byBytes.added(BED, 600)).isFalse();
            assertThat(byBytes.added(BED, 600)).as("1200 bytes >= 1000").isTrue();
        }
    }

    @Test
    void fixedWindowModeNeverSealsEarly() {
        BatchPolicy policy = new BatchPolicy(false, 50, 1 << 20);
        policy.added(BED, 160);
        assertThat(policy.ready(BED)).isFalse();
        policy.taken(BED);
        policy.handedOver(BED);
        policy.added(BED, 160);
        assertThat(policy.stored(BED)).isFalse();
    }

    @Test
    void boundsMustBePositive() {
        assertThatThrownBy(() -> new BatchPolicy(true, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BatchPolicy(true, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
