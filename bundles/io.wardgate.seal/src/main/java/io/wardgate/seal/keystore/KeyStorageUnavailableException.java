package io.wardgate.seal.keystore;

/**
 * The key storage does not answer: a token that is gone, refused its PIN, or failed. Work that needs the
 * keys waits and is tried again later; it is not an error in that work.
 */
public final class KeyStorageUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public KeyStorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
