package io.wardgate.seal.sealer;

import io.wardgate.seal.envelope.RecipientKey;
import io.wardgate.seal.envelope.SigningKey;
import io.wardgate.seal.envelope.TestKeys;
import java.util.Optional;

/** TEST FIXTURE ONLY: the published TEST gateway key, and the TEST backend key as "backend-test". */
public final class TestSealingKeys {
    private TestSealingKeys() {
    }

    public static SealingKeys of(String gatewayId) {
        return new SealingKeys() {
            @Override
            public String gatewayId() {
                return gatewayId;
            }

            @Override
            public SigningKey signingKey() {
                return TestKeys.gatewaySigningKey();
            }

            @Override
            public Optional<RecipientKey> recipient(String id) {
                return id.equals("backend-test") ? Optional.of(TestKeys.backendRecipient()) : Optional.empty();
            }
        };
    }
}
