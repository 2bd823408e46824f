package io.wardgate.api.manage;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** A request whose signature, target gateway, expiry and nonce have been verified. */
@ProviderType
public interface ManagementRequest {

    /** The request id (also the last level of its request and reply topics). */
    String id();

    String operation();

    /** Who IT says asked (free text from the signed request, e.g. "alice@hospital"). */
    String requester();

    /** Who signed it, for the audit trail: "it:" and the management key's name. */
    String actor();

    /** The signed arguments (values as decoded from CBOR: String, Long, Boolean, byte[], List, Map). */
    Map<?, ?> args();

    /** The text argument {@code key} (at most 4096 characters); IllegalArgumentException when missing. */
    String text(String key);
}
