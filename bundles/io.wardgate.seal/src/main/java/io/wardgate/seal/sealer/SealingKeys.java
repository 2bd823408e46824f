package io.wardgate.seal.sealer;

import io.wardgate.seal.envelope.RecipientKey;
import io.wardgate.seal.envelope.SigningKey;
import java.util.Optional;

/** What the sealer needs of the identity: who it is, its current signing key, the backend's keys. */
public interface SealingKeys {

    String gatewayId();

    /** The key to sign with now; changes when a rotation completes. */
    SigningKey signingKey();

    /** The backend key a route names, if it is known. */
    Optional<RecipientKey> recipient(String backendKeyId);
}
