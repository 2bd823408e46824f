package io.wardgate.seal.sealer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Observation;
import io.wardgate.api.VitalSign;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.api.pipeline.Route;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.seal.envelope.ContentAlgorithm;
import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.EnvelopeSealer;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.Randomness;
import io.wardgate.seal.envelope.RecipientKey;
import io.wardgate.seal.envelope.SigningKey;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.envelope.TestReadings;
import io.wardgate.seal.keystore.KeyStorageUnavailableException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * While the gateway's keys do not answer (a token gone), the sealer keeps batches in order, bounded by
 * maxPendingReadings, and seals them when the keys are back: no reading lost within the bound, none
 * reordered, no sequence gap. The real tokens are in TokenOutageTest; here the keys are switched off.
 */
class KeysWaitTest {
    private static final Route ROUTE = new Route("icu-monitors", "vitals", "backend-test", 5);

    /** The test keys, as a token that can be taken away. */
    private record SwitchedKeys(SealingKeys keys, AtomicBoolean available) implements SealingKeys {
        @Override
        public SigningKey signingKey() {
            if (!available.get()) {
                throw new KeyStorageUnavailableException("the token did not sign (test)", null);
            }
            return keys.signingKey();
        }

        @Override
        public String gatewayId() {
            return keys.gatewayId();
        }

        @Override
        public Optional<RecipientKey> recipient(String backendKeyId) {
            return keys.recipient(backendKeyId);
        }
    }

    @Test
    void batchesWaitForTheKeysInOrderWithinTheBoundAndAreSealedWhenTheyAreBack() throws Exception {
        AtomicBoolean available = new AtomicBoolean(false);
        SealingKeys keys = new SwitchedKeys(BatchingSealerTest.keys(), available);
        InMemoryOutbox outbox = new InMemoryOutbox();
        SecureRandom random = new SecureRandom();
        try (BatchingSealer sealer = new BatchingSealer(new SealerSettings(1, 60_000,
                ContentAlgorithm.CHACHA20_POLY1305, 5), keys, outbox,
                new EnvelopeSealer(Randomness.secure(random), Es256Signer.randomized(random)), 2, Clock.systemUTC(),
                Optional::empty)) {
            for (int value = 60; value < 67; value++) {
                sealer.seal(new AdmittedReadings(new DeviceReadings(TestReadings.MONITOR, TestReadings.BED_12,
                        List.of(Observation.of(VitalSign.HEART_RATE, Decimal.ofInteger(value), Set.of(),
                                TestReadings.T0))), ROUTE));
            }
            sealer.flushNow();
            assertThat(sealer.waitingBatches()).isEqualTo(5);
            assertThat(sealer.droppedCount()).as("beyond maxPendingReadings").isEqualTo(2);
            assertThat(outbox.envelopes()).isEmpty();

            available.set(true);
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.envelopes().size() == 5);
            assertThat(sealer.waitingBatches()).isZero();
        }
        EnvelopeOpener receiver = new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                TestKeys.trusting(TestKeys.gateway().getPublic()));
        List<SealedEnvelope> envelopes = outbox.envelopes();
        assertThat(envelopes).extracting(e -> e.tags().sequence()).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(envelopes).extracting(e -> ((Observation) ((OpenResult.Opened) receiver.open(e.bytes())).batch()
                .readings().get(0)).value().toString()).containsExactly("60", "61", "62", "63", "64");
    }
}
