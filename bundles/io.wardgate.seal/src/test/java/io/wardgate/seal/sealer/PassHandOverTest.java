package io.wardgate.seal.sealer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Observation;
import io.wardgate.api.Transport;
import io.wardgate.api.VitalSign;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.api.pipeline.Precedence;
import io.wardgate.api.pipeline.Route;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.api.pipeline.StoreOutcome;
import io.wardgate.seal.envelope.ContentAlgorithm;
import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.EnvelopeSealer;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.Randomness;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.envelope.TestReadings;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sealer hands a pass's envelopes (what it seals before its queue runs dry) to the outbox in one call,
 * so the outbox can commit them in one transaction. The sealer's thread is held inside the first hand-over
 * while the other devices' readings queue up, so the test needs no timing.
 */
class PassHandOverTest {
    private static final Route ROUTE = new Route("icu-monitors", "vitals", "backend-test", 5);
    private static final int BEDS = 12;

    /** Records each hand-over call's envelopes; the first call waits until the test releases it. */
    private static final class HoldingOutbox extends DelegatingOutbox {
        final List<List<SealedEnvelope>> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        HoldingOutbox(InMemoryOutbox memory) {
            super(memory);
        }

        @Override
        public List<CompletionStage<StoreOutcome>> storeAllAsync(List<SealedEnvelope> envelopes,
                Precedence precedence) {
            calls.add(List.copyOf(envelopes));
            entered.countDown();
            try {
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.storeAllAsync(envelopes, precedence);
        }
    }

    private static AdmittedReadings admitted(int bed, int value) {
        DeviceIdentity device = DeviceIdentity.at(Transport.SERIAL, "/dev/wardgate/bed-" + bed);
        return new AdmittedReadings(new DeviceReadings(device, TestReadings.BED_12, List.of(
                Observation.of(VitalSign.HEART_RATE, Decimal.ofInteger(value), Set.of(), TestReadings.T0))), ROUTE);
    }

    private final InMemoryOutbox memory = new InMemoryOutbox();
    private final HoldingOutbox outbox = new HoldingOutbox(memory);

    /** A sealer whose pass is bounded by count only (an hour's hold): the calls do not depend on CPU speed. */
    private BatchingSealer sealer() {
        SecureRandom random = new SecureRandom();
        return new BatchingSealer(new SealerSettings(50, 60_000, ContentAlgorithm.CHACHA20_POLY1305, 1000, true),
                BatchingSealerTest.keys(), outbox, new EnvelopeSealer(Randomness.secure(random),
                Es256Signer.randomized(random)), 7, Clock.systemUTC(), Optional::empty, 3_600_000);
    }

    /** Seals bed 0, holds the sealer inside its hand-over while beds 1..beds queue up, then lets it go on. */
    private void sealWhileHeld(BatchingSealer sealer, int beds) throws Exception {
        sealer.seal(admitted(0, 60));
        assertThat(outbox.entered.await(30, TimeUnit.SECONDS)).isTrue();
        for (int bed = 1; bed <= beds; bed++) {
            sealer.seal(admitted(bed, 60 + bed));
        }
        outbox.release.countDown();
        await().atMost(Duration.ofSeconds(60)).until(() -> memory.envelopes().size() == 1 + beds);
    }

    @Test
    void theEnvelopesOfOnePassGoToTheOutboxInOneCall() throws Exception {
        try (BatchingSealer sealer = sealer()) {
            sealWhileHeld(sealer, BEDS);

            assertThat(outbox.calls).extracting(List::size).containsExactly(1, BEDS);
            EnvelopeOpener opener = new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                    TestKeys.trusting(TestKeys.gateway().getPublic()));
            List<SealedEnvelope> pass = outbox.calls.get(1);
            for (int bed = 1; bed <= BEDS; bed++) {
                SealedEnvelope envelope = pass.get(bed - 1);
                assertThat(envelope.tags().deviceId()).endsWith("bed-" + bed);
                assertThat(envelope.tags().sequence()).isZero();
                OpenResult opened = opener.open(envelope.bytes());
                assertThat(opened).isInstanceOf(OpenResult.Opened.class);
                assertThat(((OpenResult.Opened) opened).batch().readings()).extracting(r -> ((Observation) r)
                        .value().mantissa()).containsExactly(60L + bed);
            }
        }
    }

    @Test
    void aLongPassIsHandedOverInRunsOfAtMostTheBound() throws Exception {
        int beds = BatchingSealer.RUN_MAX + 6;
        try (BatchingSealer sealer = sealer()) {
            sealWhileHeld(sealer, beds);
            assertThat(outbox.calls).extracting(List::size).containsExactly(1, BatchingSealer.RUN_MAX, 6);
        }
    }
}
