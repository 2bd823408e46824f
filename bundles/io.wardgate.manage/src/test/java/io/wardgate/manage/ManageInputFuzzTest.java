package io.wardgate.manage;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wardgate.seal.envelope.SignedMessage;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * S10: hostile input into the gateway side of remote management. The regression corpus under
 * src/test/resources/.../ManageInputFuzzTestInputs runs in every build; JAZZER_FUZZ=1 fuzzes.
 * Invariants: only the documented exceptions escape, with short reasons; a value that passes is
 * of the declared type and cardinality; a refused password is never echoed.
 */
class ManageInputFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void requestParsingNeverThrows(byte[] data) {
        try {
            SignedMessage.Parsed parsed = SignedMessage.parse(data, 65_536);
            ManageRequest request = ManageRequest.from(parsed.payload());
            assertThat(request.id()).matches(ManageRequest.ID);
            assertThat(request.nonce().length).isBetween(16, 64);
            parsed.certificate();
        } catch (SignedMessage.MalformedMessageException | IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank().hasSizeLessThan(512);
        }
    }

    /** data[0]: type (low nibble) and bounds flag; data[1]: cardinality and list flag; the rest: values. */
    @FuzzTest(maxDuration = "30s")
    void configValuesAreTypedOrRefused(byte[] data) {
        if (data.length < 2) {
            return;
        }
        int type = data[0] & 0x0F;
        boolean bounded = (data[0] & 0x10) != 0;
        int cardinality = (byte) (data[1] & 0x3F) % 6 - ((data[1] & 0x80) != 0 ? 3 : 0);
        String text = new String(data, 2, data.length - 2, StandardCharsets.UTF_8);
        Object raw = (data[1] & 0x40) != 0 ? Arrays.asList((Object[]) text.split(",", -1)) : text;
        AttributeDefinition ad = new ConfigValidatorTest.Ad("a", type, cardinality, null, null,
                bounded ? 0L : null, bounded ? 1000L : null);
        try {
            Object value = ConfigValidator.convert(ad, raw);
            if (cardinality == 0) {
                assertThat(value).isInstanceOf(ConfigValidator.javaType(type));
            } else if (cardinality < 0) {
                assertThat((List<?>) value).hasSizeLessThanOrEqualTo(Math.abs(cardinality));
            } else {
                assertThat(Array.getLength(value)).isLessThanOrEqualTo(cardinality);
            }
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank().hasSizeLessThan(300);
            if (type == AttributeDefinition.PASSWORD && text.length() > 8) {
                assertThat(refused.getMessage()).doesNotContain(text);
            }
        }
    }
}
