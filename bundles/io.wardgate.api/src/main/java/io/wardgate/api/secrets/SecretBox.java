package io.wardgate.api.secrets;

/**
 * Seals and opens configuration secrets (AES-256-GCM under the gateway's secrets key). A sealed value is
 * {@code enc:v1:<key id>:<base64url nonce and ciphertext>} and is bound to its configuration property:
 * a value copied to another PID or property does not open. Errors never contain a secret.
 */
public interface SecretBox {
    /** How every sealed value begins. */
    String PREFIX = "enc:v1:";

    /** Whether {@code stored} is a sealed value (it may still fail to open). */
    static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /**
     * Seals {@code clear} for property {@code property} of configuration {@code pid} (for a factory
     * instance: its factory PID, so that instances can be copied). Empty stays empty: "not set".
     */
    String seal(String pid, String property, String clear);

    /**
     * The clear text of a sealed value. A value that is not sealed (written before secrets were sealed,
     * and sealed in place at start) is returned as it is.
     *
     * @throws SecretException when the value is malformed, sealed under another key, tampered with, or
     *         sealed for another property
     */
    String open(String pid, String property, String stored) throws SecretException;

    /** Where the key is, for logs and {@code wardgate check}: never the key. */
    String keyLocation();
}
