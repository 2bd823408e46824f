package io.wardgate.seal.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

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
}
