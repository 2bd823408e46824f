package io.wardgate.seal.keystore;

import java.io.IOException;

/** The token refused the configured PIN (or has locked it): the operator must fix the PIN file. */
public final class TokenPinRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    TokenPinRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
