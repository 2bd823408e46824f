package io.wardgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wardgate.audit.api.AuditRecord;
import java.nio.charset.StandardCharsets;

/**
 * S10: verify-audit and queries read segment files that anyone with disk access may have changed.
 * Any line either parses into a record whose canonical encoding is exactly that line, or is
 * refused as malformed; nothing else escapes. The corpus under src/test/resources replays every build.
 */
class RecordCodecFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyLineParsesCanonicallyOrIsRefused(byte[] input) {
        String line = new String(input, StandardCharsets.ISO_8859_1);
        try {
            RecordCodec.parseHeader(line);
        } catch (RecordCodec.MalformedException e) {
            assertThat(e.getMessage()).isNotEmpty();
        }
        try {
            AuditRecord record = RecordCodec.parse(line, 1, 0);
            String reencoded = RecordCodec.encode(record.sequence(), record.event(), record.gatewayId(),
                    record.location(), record.previousHash());
            assertThat(reencoded.substring(0, reencoded.lastIndexOf('\t')))
                    .isEqualTo(line.substring(0, line.lastIndexOf('\t')));
            assertThat(RecordCodec.hashMatches(line)).isEqualTo(record.hash().equals(RecordCodec.storedHash(reencoded)));
        } catch (RecordCodec.MalformedException e) {
            assertThat(e.getMessage()).isNotEmpty();
        }
    }
}
