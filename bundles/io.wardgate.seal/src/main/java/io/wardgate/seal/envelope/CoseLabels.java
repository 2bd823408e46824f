package io.wardgate.seal.envelope;

/** COSE numbers (RFC 9052, RFC 9053, RFC 9360) and WardGate's private-use header labels. */
final class CoseLabels {
    static final long TAG_ENCRYPT = 96;
    static final long TAG_SIGN1 = 18;
    static final long TAG_DECIMAL_FRACTION = 4;

    static final long ALG = 1;
    static final long KID = 4;
    static final long IV = 5;
    static final long EPHEMERAL_KEY = -1;
    static final long X5CHAIN = 33;

    static final long ES256 = -7;
    static final long ECDH_ES_HKDF_256 = -25;

    static final long KEY_KTY = 1;
    static final long KTY_EC2 = 2;
    static final long KEY_CRV = -1;
    static final long CRV_P256 = 1;
    static final long KEY_X = -2;
    static final long KEY_Y = -3;

    /** Private-use labels (below -65536, RFC 9052 section 16.3) for the routing tags. */
    static final long GATEWAY = -65537;
    static final long DEVICE = -65538;
    static final long EPOCH = -65539;
    static final long SEQUENCE = -65540;
    static final long SEALED_AT = -65541;

    static final int IV_LENGTH = 12;
    static final int KEY_BITS = 256;

    private CoseLabels() {
    }
}
