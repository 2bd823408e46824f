package io.wardgate.seal.secrets;

import io.wardgate.api.secrets.SecretBox;
import io.wardgate.api.secrets.SecretException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * {@link SecretBox} with the secrets key: {@code enc:v1:<key id>:<base64url(nonce || ciphertext || tag)>},
 * the AAD "wardgate-secret v1 {key id} {pid} {property}" binding each value to where it is stored.
 */
public final class AesGcmSecretBox implements SecretBox {
    /** Longest sealed value opened: a password of 4096 bytes and the framing; longer is refused unread. */
    static final int MAX_SEALED_CHARS = 6000;
    static final int MAX_CLEAR_BYTES = 4096;

    private final SecretsKey.Opened key;
    private final String location;
    private final SecureRandom random;

    public AesGcmSecretBox(SecretsKey.Opened key, String location, SecureRandom random) {
        this.key = key;
        this.location = location;
        this.random = random;
    }

    @Override
    public String seal(String pid, String property, String clear) {
        if (clear == null || clear.isEmpty()) {
            return "";
        }
        byte[] bytes = clear.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_CLEAR_BYTES) {
            throw new IllegalArgumentException(property + ": a secret has at most " + MAX_CLEAR_BYTES + " bytes");
        }
        byte[] sealed = Gcm.seal(key.key(), aad(key.id(), pid, property), bytes, random);
        return PREFIX + key.id() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    @Override
    public String open(String pid, String property, String stored) throws SecretException {
        if (stored == null || !SecretBox.isSealed(stored)) {
            return stored == null ? "" : stored;
        }
        String where = pid + " " + property;
        if (stored.length() > MAX_SEALED_CHARS) {
            throw new SecretException(where + ": the sealed value is too long");
        }
        String rest = stored.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon != 8 || !rest.substring(0, 8).matches("[0-9a-f]{8}")) {
            throw new SecretException(where + ": not a sealed value (enc:v1:<key id>:<data>)");
        }
        String id = rest.substring(0, 8);
        if (!id.equals(key.id())) {
            throw new SecretException(where + ": sealed under key " + id + ", but this gateway's secrets key is "
                    + key.id() + " (the key was replaced or lost): set the value again");
        }
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(rest.substring(9));
        } catch (IllegalArgumentException e) {
            throw new SecretException(where + ": not a sealed value (bad encoding)");
        }
        byte[] clear = Gcm.open(key.key(), aad(id, pid, property), sealed);
        if (clear == null) {
            throw new SecretException(where + ": the sealed value does not open (altered, or sealed for "
                    + "another setting)");
        }
        return new String(clear, StandardCharsets.UTF_8);
    }

    @Override
    public String keyLocation() {
        return location;
    }

    private static byte[] aad(String id, String pid, String property) {
        return ("wardgate-secret v1 " + id + " " + pid + " " + property).getBytes(StandardCharsets.UTF_8);
    }
}
