package io.wardgate.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.DEFAULT, new Secrets(new SecureRandom()));

    @Test
    void matchesTheArgon2idTestVectorOfRfc9106() {
        // RFC 9106 section 5.3: password 32 x 01, salt 16 x 02, secret 8 x 03, associated data 12 x 04,
        // m=32 KiB, t=3, p=4, tag length 32.
        byte[] password = new byte[32];
        Arrays.fill(password, (byte) 1);
        char[] chars = new char[32];
        Arrays.fill(chars, (char) 1);
        byte[] salt = filled(16, 2);
        byte[] tag = PasswordHasher.derive(chars, salt, new PasswordHasher.Params(32, 3, 4), 32, filled(8, 3),
                filled(12, 4));
        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void aHashIsAPhcStringWithTheOwaspParametersAndVerifiesOnlyItsPassword() {
        String stored = hasher.hash("correct horse battery".toCharArray());
        assertThat(stored).startsWith("$argon2id$v=19$m=12288,t=3,p=1$");
        assertThat(hasher.verify("correct horse battery".toCharArray(), stored)).isTrue();
        assertThat(hasher.verify("correct horse batterY".toCharArray(), stored)).isFalse();
        assertThat(hasher.needsRehash(stored)).isFalse();
    }

    @Test
    void everyHashHasItsOwnSalt() {
        String a = hasher.hash("same password here".toCharArray());
        String b = hasher.hash("same password here".toCharArray());
        assertThat(a).isNotEqualTo(b);
        assertThat(a.split("\\$")[4]).isNotEqualTo(b.split("\\$")[4]);
    }

    @Test
    void malformedOrOversizedStoredHashesMatchNothing() {
        String stored = hasher.hash("correct horse battery".toCharArray());
        assertThat(hasher.verify("correct horse battery".toCharArray(), stored.replace("argon2id", "argon2i"))).isFalse();
        assertThat(hasher.verify("x".toCharArray(), "")).isFalse();
        // A tampered file asking for 4 GiB of memory is refused before any allocation.
        assertThat(hasher.verify("x".toCharArray(), stored.replace("m=12288", "m=999999"))).isFalse();
        assertThat(hasher.verify("x".toCharArray(), null)).isFalse();
        assertThat(hasher.needsRehash(stored.replace("m=12288", "m=4096"))).isTrue();
    }

    @Test
    void overlongPasswordsAreRefused() {
        char[] huge = new char[PasswordHasher.MAX_PASSWORD_CHARS + 1];
        Arrays.fill(huge, 'a');
        assertThatThrownBy(() -> hasher.hash(huge)).isInstanceOf(IllegalArgumentException.class);
        assertThat(hasher.verify(huge, hasher.hash("correct horse battery".toCharArray()))).isFalse();
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
