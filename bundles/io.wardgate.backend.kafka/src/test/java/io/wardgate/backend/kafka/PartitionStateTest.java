package io.wardgate.backend.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.receiver.Deduplicator.Verdict;
import io.wardgate.seal.envelope.SealTags;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The changelog form of a partition's de-duplication state, and the bridge's partitioning key. */
class PartitionStateTest {
    private static SealTags tags(long sequence) {
        return new SealTags("wg-1", "serial:/dev/ttyUSB0", 3, sequence, Instant.EPOCH);
    }

    /** The changelog record of a window-128 stream after these sequences were written. */
    private static PartitionState.Change lastChangeAfter(long... sequences) {
        PartitionState owner = new PartitionState(128, 100);
        for (long sequence : sequences) {
            owner.admit(tags(sequence));
            owner.written(tags(sequence));
        }
        List<PartitionState.Change> changes = owner.drain();
        return changes.get(changes.size() - 1);
    }

    @Test
    void aNewOwnerRestoredFromTheChangelogKnowsWhatWasWritten() {
        PartitionState owner = new PartitionState(128, 100);
        for (long sequence : new long[] {0, 1, 5, 200}) {
            assertThat(owner.admit(tags(sequence))).isEqualTo(Verdict.NEW);
            owner.written(tags(sequence));
        }
        List<PartitionState.Change> changes = owner.drain();
        assertThat(changes).hasSize(4);
        assertThat(owner.drain()).isEmpty();

        PartitionState next = new PartitionState(128, 100);
        changes.forEach(change -> next.restore(change.key(), change.value()));
        assertThat(next.peek(tags(200))).isEqualTo(Verdict.DUPLICATE);
        assertThat(next.peek(tags(199))).isEqualTo(Verdict.NEW);
        assertThat(next.peek(tags(5))).as("below the window of 128").isEqualTo(Verdict.STALE);
        assertThat(next.peek(tags(201))).isEqualTo(Verdict.NEW);
    }

    @Test
    void aNewOwnerStillAcceptsTheBacklogBelowTheWindowOnce() {
        // After an outage the gateway sends a device's live envelopes first (sequence 1000), then its backlog
        // (1..999), most of it below the window of 128 by the time it arrives.
        PartitionState owner = new PartitionState(128, 100);
        for (long sequence : new long[] {0, 1000, 1}) {
            assertThat(owner.admit(tags(sequence))).isEqualTo(Verdict.NEW);
            owner.written(tags(sequence));
        }
        List<PartitionState.Change> changes = owner.drain();

        PartitionState next = new PartitionState(128, 100);
        changes.forEach(change -> next.restore(change.key(), change.value()));
        assertThat(next.admit(tags(2))).as("backlog below the window, restored as missing").isEqualTo(Verdict.NEW);
        assertThat(next.admit(tags(2))).as("accepted once").isEqualTo(Verdict.STALE);
        assertThat(next.peek(tags(1))).as("arrived before the move").isEqualTo(Verdict.STALE);
        assertThat(next.peek(tags(999))).isEqualTo(Verdict.NEW);
        assertThat(next.peek(tags(1000))).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void aChangelogRecordWrittenBeforeTheRangesRestoresNone() {
        byte[] value = lastChangeAfter(0, 1000).value();
        byte[] old = java.util.Arrays.copyOf(value, 8 + 128 / 8);
        PartitionState next = new PartitionState(128, 100);
        next.restore(tags(0).streamKey().getBytes(StandardCharsets.UTF_8), old);
        assertThat(next.peek(tags(1000))).isEqualTo(Verdict.DUPLICATE);
        assertThat(next.peek(tags(5))).as("no ranges in the old form").isEqualTo(Verdict.STALE);
    }

    @Test
    void aRecordWhoseRangeCountDoesNotMatchItsLengthIsRefused() {
        PartitionState.Change change = lastChangeAfter(0, 1000);
        byte[] value = change.value();
        java.nio.ByteBuffer.wrap(value).putInt(8 + 128 / 8, 5);
        assertThatThrownBy(() -> new PartitionState(128, 100).restore(change.key(), value))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not fit");
    }

    @Test
    void aChangelogOfAnotherWindowSizeIsRefused() {
        PartitionState owner = new PartitionState(128, 100);
        owner.admit(tags(0));
        owner.written(tags(0));
        PartitionState.Change change = owner.drain().get(0);
        assertThatThrownBy(() -> new PartitionState(1024, 100).restore(change.key(), change.value()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("window");
    }

    @Test
    void theBridgeKeysByGatewayAndDevice() {
        assertThat(new String(MqttKafkaBridge.key("wardgate/st-marys/icu-2/wg-1/vitals/serial_3A_2Fdev_2FttyUSB0"),
                StandardCharsets.UTF_8)).isEqualTo("wg-1/serial_3A_2Fdev_2FttyUSB0");
        assertThat(new String(MqttKafkaBridge.key("elsewhere/x"), StandardCharsets.UTF_8)).isEqualTo("elsewhere/x");
    }
}
