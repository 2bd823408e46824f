package io.wardgate.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.stream.Stream;

/**
 * S10: the package verifier takes any bytes as a package. With a release key nobody else holds it
 * can only refuse (a Refused with a printable reason); no other exception escapes and no more
 * bundles than the limit are copied out. The regression corpus under src/test/resources (an
 * unsigned package, one signed by another key, one with a flipped byte, broken zips) replays on
 * every build.
 */
class PackageVerifierFuzzTest {
    private static final PackageVerifier VERIFIER = verifier();

    private static PackageVerifier verifier() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            return new PackageVerifier(TrustedReleaseKeys.parse(pem), new PackageVerifier.Limits(1 << 20, 1 << 20, 4));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void verifyRefusesCleanly(byte[] input) throws IOException {
        Path dir = Files.createTempDirectory("fuzz-dp");
        try {
            Path file = Files.write(dir.resolve("input.dp"), input);
            VERIFIER.verify(file, dir.resolve("work"));
            fail("a package nobody could sign was accepted");
        } catch (Refused refused) {
            assertThat(refused.getMessage()).matches("[\\x20-\\x7E]{1,400}");
            try (Stream<Path> copied = Files.list(dir.resolve("work"))) {
                assertThat(copied.count()).isLessThanOrEqualTo(4);
            }
        } finally {
            UpdateService.deleteTree(dir);
        }
    }
}
