package io.wardgate.seal.envelope;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The backend's encryption key (EC P-256) and its id; the id travels as the recipient's kid (its
 * UTF-8 bytes) so the backend picks the matching private key.
 */
public record RecipientKey(String keyId, PublicKey key) {
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public RecipientKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(key, "key");
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("key id must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalArgumentException("the backend key must be an EC P-256 public key");
        }
    }

    byte[] kid() {
        return keyId.getBytes(StandardCharsets.UTF_8);
    }
}
