package io.wardgate.seal.envelope;

/** The content encryption of an envelope, with its COSE algorithm number (RFC 9053). */
public enum ContentAlgorithm {
    /** The default: fast without AES instructions (Raspberry Pi 4). */
    CHACHA20_POLY1305(24),
    AES_256_GCM(3);

    private final int coseId;

    ContentAlgorithm(int coseId) {
        this.coseId = coseId;
    }

    public int coseId() {
        return coseId;
    }

    /** The algorithm with COSE number {@code id}, or null when it is not one of ours. */
    static ContentAlgorithm byCoseId(long id) {
        for (ContentAlgorithm algorithm : values()) {
            if (algorithm.coseId == id) {
                return algorithm;
            }
        }
        return null;
    }
}
