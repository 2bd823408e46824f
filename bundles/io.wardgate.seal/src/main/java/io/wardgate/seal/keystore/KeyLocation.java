package io.wardgate.seal.keystore;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which key storage the identity uses, and how to reach it.
 *
 * @param kind the storage
 * @param module for a token: absolute path of the PKCS#11 module (.so)
 * @param slot for a token: the slot id, or -1 to pick by {@code slotIndex}
 * @param slotIndex for a token: the index in the module's list of slots with a token (used when slot is -1)
 * @param pinFile for a token: the file holding the user PIN, readable by the service user only
 */
public record KeyLocation(Kind kind, Path module, long slot, int slotIndex, Path pinFile) {

    /** Where the keys live. */
    public enum Kind {
        /** PKCS#12 file and its generated password file in the identity directory (the default). */
        FILE,
        /** Any PKCS#11 module, e.g. an HSM-style token or a smart card. */
        PKCS11,
        /** A TPM 2.0 through tpm2-pkcs11 (a PKCS#11 module, so the same path as PKCS11). */
        TPM
    }

    /** Debian's tpm2-pkcs11 module on this machine's architecture. */
    public static final String TPM2_MODULE = "/usr/lib/" + multiarch() + "/pkcs11/libtpm2_pkcs11.so";

    public KeyLocation {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.FILE) {
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(pinFile, "pinFile");
            if (!module.isAbsolute() || module.toString().matches(".*[\"\\\\\\n\\r].*")) {
                throw new IllegalArgumentException("the PKCS#11 module must be an absolute path without quotes: " + module);
            }
            if (slot < -1 || slotIndex < 0) {
                throw new IllegalArgumentException("the slot id must be >= 0 (or -1) and the slot index >= 0");
            }
        }
    }

    public static KeyLocation file() {
        return new KeyLocation(Kind.FILE, null, -1, 0, null);
    }

    /**
     * From the configuration's words: "file", "pkcs11" or "tpm"; an empty module for "tpm" means
     * {@link #TPM2_MODULE}.
     */
    public static KeyLocation of(String kind, String module, long slot, int slotIndex, String pinFile) {
        Kind parsed = switch (kind.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "", "file" -> Kind.FILE;
            case "pkcs11" -> Kind.PKCS11;
            case "tpm" -> Kind.TPM;
            default -> throw new IllegalArgumentException("key storage must be file, pkcs11 or tpm, not '" + kind + "'");
        };
        if (parsed == Kind.FILE) {
            return file();
        }
        String path = module.isBlank() && parsed == Kind.TPM ? TPM2_MODULE : module.trim();
        if (path.isEmpty() || pinFile.isBlank()) {
            throw new IllegalArgumentException("a token needs the PKCS#11 module path and a PIN file");
        }
        return new KeyLocation(parsed, Path.of(path), slot, slotIndex, Path.of(pinFile.trim()));
    }

    /** For logs and {@code wardgate check}. */
    public String describe() {
        return switch (kind) {
            case FILE -> "PKCS#12 file (identity.p12, password in identity.pass)";
            case PKCS11, TPM -> (kind == Kind.TPM ? "TPM 2.0" : "PKCS#11 token") + " via " + module
                    + (slot >= 0 ? ", slot " + slot : ", slot index " + slotIndex);
        };
    }

    private static String multiarch() {
        String arch = System.getProperty("os.arch", "");
        return switch (arch) {
            case "aarch64" -> "aarch64-linux-gnu";
            case "arm" -> "arm-linux-gnueabihf";
            default -> "x86_64-linux-gnu";
        };
    }
}
