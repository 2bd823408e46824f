package io.wardgate.seal.keystore;

/**
 * The SunPKCS11 configuration for one token, generated (never a shared file): the module, the slot, and
 * the templates that make generated private keys persistent token objects that are sensitive and not
 * extractable. Public keys stay session objects where the module allows (the certificate stored beside
 * the key carries it); tpm2-pkcs11 wants both halves of a pair on the token.
 */
final class Pkcs11Config {
    private Pkcs11Config() {
    }

    /** The text for {@code Provider.configure("--" + text)}; {@code name} becomes "SunPKCS11-" + name. */
    static String text(String name, KeyLocation location) {
        if (!name.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("provider name: " + name);
        }
        StringBuilder out = new StringBuilder();
        out.append("name = ").append(name).append('\n');
        out.append("library = \"").append(location.module()).append("\"\n");
        if (location.slot() >= 0) {
            out.append("slot = ").append(location.slot()).append('\n');
        } else {
            out.append("slotListIndex = ").append(location.slotIndex()).append('\n');
        }
        out.append("""
                attributes(generate, CKO_PRIVATE_KEY, CKK_EC) = {
                  CKA_TOKEN = true
                  CKA_PRIVATE = true
                  CKA_SENSITIVE = true
                  CKA_EXTRACTABLE = false
                  CKA_SIGN = true
                }
                """);
        // The secrets wrapping key (RSA: tpm2-pkcs11 makes no AES keys through PKCS#11 and has no ECDH).
        out.append("""
                attributes(generate, CKO_PRIVATE_KEY, CKK_RSA) = {
                  CKA_TOKEN = true
                  CKA_PRIVATE = true
                  CKA_SENSITIVE = true
                  CKA_EXTRACTABLE = false
                  CKA_DECRYPT = true
                }
                """);
        out.append("attributes(generate, CKO_PUBLIC_KEY, CKK_RSA) = {\n  CKA_TOKEN = ")
                .append(location.kind() == KeyLocation.Kind.TPM).append("\n  CKA_ENCRYPT = true\n}\n");
        out.append("attributes(generate, CKO_PUBLIC_KEY, CKK_EC) = {\n  CKA_TOKEN = ")
                .append(location.kind() == KeyLocation.Kind.TPM).append("\n}\n");
        return out.toString();
    }
}
