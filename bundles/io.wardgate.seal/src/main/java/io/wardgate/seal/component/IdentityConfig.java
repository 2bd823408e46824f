package io.wardgate.seal.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = IdentityComponent.PID, name = "WardGate gateway identity",
        description = "The gateway's own key pair (EC P-256, generated on first start, never shipped), its "
                + "certificate and trust anchors.")
public @interface IdentityConfig {

    @AttributeDefinition(name = "Key directory",
            description = "Directory, absolute or relative to the data directory (made 0700, files 0600), holding the PKCS#12 key store, its generated password "
                    + "file, trust anchors and backend keys. Created on first start. Back it up only encrypted.")
    String keyDirectory() default "identity";

    @AttributeDefinition(name = "Gateway id",
            description = "1 to 64 letters, digits, '.', '_' or '-'. Becomes the certificate CN and an MQTT topic "
                    + "level. Empty: generated once ('wg-' and 8 random hex digits) and kept.")
    String gatewayId() default "";

    @AttributeDefinition(name = "Key storage",
            description = "Where the private keys are made and kept: file (PKCS#12 and its generated password "
                    + "file in the key directory), pkcs11 (a PKCS#11 token) or tpm (a TPM 2.0 through tpm2-pkcs11). "
                    + "In a token the keys are not extractable.",
            options = {@Option(value = "file", label = "File (PKCS#12)"),
                    @Option(value = "pkcs11", label = "PKCS#11 token"), @Option(value = "tpm", label = "TPM 2.0")})
    String keyStorage() default "file";

    @AttributeDefinition(name = "PKCS#11 module",
            description = "Absolute path of the token's PKCS#11 module (.so). Empty with tpm: Debian's tpm2-pkcs11.")
    String pkcs11Module() default "";

    @AttributeDefinition(name = "Token slot id",
            description = "The token's slot id (as softhsm2-util --show-slots or pkcs11-tool -L print it); -1 picks "
                    + "the slot by index.", min = "-1")
    long pkcs11Slot() default -1;

    @AttributeDefinition(name = "Token slot index",
            description = "With slot id -1: the index in the module's list of slots holding a token.", min = "0")
    int pkcs11SlotIndex() default 0;

    @AttributeDefinition(name = "Token PIN file",
            description = "File holding the token's user PIN, readable only by its owner (root or the service user, "
                    + "mode 0400). Never the PIN itself here.")
    String pkcs11PinFile() default "";
}
