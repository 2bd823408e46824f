package io.wardgate.manage;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wardgate.manage.client.AdminKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * S10 for the management inputs that had no fuzz test: trusted-key files (PEM certificates and public
 * keys), PEM chains and keys read by IT's client, and upload chunks. Corpus in
 * src/test/resources/io/wardgate/manage/ManageFilesFuzzTestInputs/, replayed in every build under
 * the per-input bounds of io.wardgate.testkit.FuzzInputBounds; JAZZER_FUZZ=1 fuzzes.
 * Invariants: only IOException (with a short reason) escapes a file parser; chunks are staged or
 * refused with a reason, and what is staged never exceeds the limits.
 */
class ManageFilesFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void trustedKeyFilesParseOrRefuse(byte[] data) {
        try {
            TrustedKeys keys = TrustedKeys.parse(new String(data, StandardCharsets.UTF_8));
            assertThat(keys.byKid()).allSatisfy((kid, trusted) -> assertThat(trusted.key()).isNotNull());
        } catch (IOException expected) {
            assertThat(expected.getMessage()).isNotBlank().hasSizeLessThan(512);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void pemChainsAndKeysParseOrRefuse(byte[] data) throws IOException {
        Path file = Files.createTempFile("wardgate-fuzz", ".pem");
        try {
            Files.write(file, data);
            try {
                assertThat(AdminKeys.certificates(file)).doesNotContainNull();
            } catch (IOException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
            try {
                assertThat(AdminKeys.privateKey(file)).isNotNull();
            } catch (IOException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void uploadChunksAreStagedOrRefusedWithinTheLimits(FuzzedDataProvider data) throws IOException {
        Path dir = Files.createTempDirectory("wardgate-fuzz-uploads");
        try {
            Uploads.Limits limits = new Uploads.Limits(64 * 1024, 2, Duration.ofMinutes(5));
            Uploads uploads = new Uploads(dir.resolve("uploads"), limits, Clock.systemUTC());
            for (int i = 0; i < 8 && data.remainingBytes() > 0; i++) {
                String id = data.consumeString(70);
                String index = data.consumeString(12);
                byte[] chunk = data.consumeBytes(data.consumeInt(0, 40_000));
                Optional<String> refused = uploads.chunk(id, index, chunk);
                refused.ifPresent(reason -> assertThat(reason).isNotBlank().hasSizeLessThan(512));
            }
            try (Stream<Path> files = Files.walk(dir)) {
                long staged = files.filter(Files::isRegularFile).mapToLong(ManageFilesFuzzTest::size).sum();
                assertThat(staged).isLessThanOrEqualTo(limits.maxConcurrent() * limits.maxBytes());
            }
        } finally {
            Uploads.deleteTree(dir);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
