package io.wardgate.seal.admin;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Signs small messages as the gateway (COSE_Sign1, ES256, with the active identity key and its
 * certificate), e.g. remote-management replies. The private key never leaves this bundle.
 */
@ProviderType
public interface GatewaySigner {

    /** A {@link io.wardgate.seal.envelope.SignedMessage} of {@code payload}, signed by the gateway. */
    byte[] sign(Map<String, ?> payload);
}
