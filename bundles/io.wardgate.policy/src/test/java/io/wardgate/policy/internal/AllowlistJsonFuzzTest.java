package io.wardgate.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wardgate.policy.api.AllowlistDocument;
import io.wardgate.policy.api.AllowlistException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * S10: the allowlist import takes any text. It either accepts it (and then export and re-import
 * give the same document) or refuses it with at most 50 named problems; nothing else escapes.
 * The regression corpus under src/test/resources replays on every build.
 */
class AllowlistJsonFuzzTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @FuzzTest(maxDuration = "60s")
    void importAcceptsOrRefusesCleanly(byte[] input) throws AllowlistException {
        String text = new String(input, StandardCharsets.UTF_8);
        AllowlistDocument document;
        try {
            document = AllowlistJson.read(text, NOW);
        } catch (AllowlistException refused) {
            assertThat(refused.problems()).isNotEmpty().hasSizeLessThanOrEqualTo(50);
            return;
        }
        String exported = AllowlistJson.write(document);
        assertThat(AllowlistJson.read(exported, NOW)).isEqualTo(document);
        assertThat(exported.length()).isLessThan(JsonTree.MAX_CHARS * 4);
    }
}
