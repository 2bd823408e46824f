package io.wardgate.seal.sealer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.seal.envelope.ContentAlgorithm;
import io.wardgate.seal.envelope.EnvelopeSealer;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.Randomness;
import io.wardgate.seal.envelope.RecipientKey;
import io.wardgate.seal.envelope.SigningKey;
import io.wardgate.seal.keystore.KeyStorageUnavailableException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The sealer reads its keys on its own thread right after it starts, before any reading asks for an envelope. */
class KeysReadAheadTest {
    /** The test keys, noting who asked for which; the signing key can be a token that does not answer. */
    private record AskedKeys(SealingKeys keys, List<String> asked, boolean tokenGone) implements SealingKeys {
        @Override
        public String gatewayId() {
            return keys.gatewayId();
        }

        @Override
        public SigningKey signingKey() {
            asked.add("signing on " + Thread.currentThread().getName());
            if (tokenGone) {
                throw new KeyStorageUnavailableException("the token did not answer (test)", null);
            }
            return keys.signingKey();
        }

        @Override
        public Optional<RecipientKey> recipient(String backendKeyId) {
            asked.add(backendKeyId + " on " + Thread.currentThread().getName());
            return keys.recipient(backendKeyId);
        }
    }

    private static BatchingSealer sealer(SealingKeys keys, InMemoryOutbox outbox) {
        SecureRandom random = new SecureRandom();
        return new BatchingSealer(new SealerSettings(1, 60_000, ContentAlgorithm.CHACHA20_POLY1305, 5), keys, outbox,
                new EnvelopeSealer(Randomness.secure(random), Es256Signer.randomized(random)), 0, Clock.systemUTC(),
                Optional::empty);
    }

    @Test
    void theSealerReadsTheSigningAndBackendKeysOnItsThreadBeforeAnyEnvelope() {
        List<String> asked = new CopyOnWriteArrayList<>();
        InMemoryOutbox outbox = new InMemoryOutbox();
        try (BatchingSealer sealer = sealer(new AskedKeys(BatchingSealerTest.keys(), asked, false), outbox)) {
            sealer.readKeysAhead("backend-test");

            await().atMost(Duration.ofSeconds(10)).until(() -> asked.size() == 2);
            assertThat(asked).containsExactly("signing on wardgate-sealer", "backend-test on wardgate-sealer");
            assertThat(outbox.envelopes()).isEmpty();
        }
    }

    @Test
    void aTokenThatDoesNotAnswerIsLeftToTheFirstEnvelope() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        try (BatchingSealer sealer = sealer(new AskedKeys(BatchingSealerTest.keys(), asked, true), new InMemoryOutbox())) {
            sealer.readKeysAhead("backend-test");

            await().atMost(Duration.ofSeconds(10)).until(() -> asked.size() == 1);
            sealer.flushNow(); // the sealer's thread still takes tasks
            assertThat(asked).containsExactly("signing on wardgate-sealer");
        }
    }
}
