package io.wardgate.seal.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;

/**
 * S10: hostile bytes into the receiver's parser. The regression corpus (checked in under
 * src/test/resources/.../EnvelopeOpenerFuzzTestInputs) runs in every build; JAZZER_FUZZ=1 fuzzes.
 * Invariants: nothing escapes, every rejection has a reason and a short detail, and only a
 * genuinely sealed envelope opens.
 */
class EnvelopeOpenerFuzzTest {
    private static final EnvelopeOpener OPENER = new EnvelopeOpener(
            Map.of("backend-test", TestKeys.backend().getPrivate()), TestKeys.trusting(TestKeys.gateway().getPublic()));

    @FuzzTest(maxDuration = "30s")
    void openNeverThrows(byte[] data) {
        OpenResult result = OPENER.open(data);
        assertThat(result).isNotNull();
        if (result instanceof OpenResult.Rejected rejected) {
            assertThat(rejected.detail().length()).isLessThan(512);
        } else {
            assertThat(((OpenResult.Opened) result).batch().readings()).isNotEmpty();
        }
        EnvelopeOpener.readTags(data);
    }

    @FuzzTest(maxDuration = "30s")
    void payloadDecodingRejectsOrDecodes(byte[] data) {
        try {
            Batch batch = PayloadCodec.decode(data);
            assertThat(batch.readings()).hasSizeBetween(1, Batch.MAX_READINGS);
        } catch (Cbor.MalformedException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
