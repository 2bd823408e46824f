package io.wardgate.seal.sealer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceAlarms;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Observation;
import io.wardgate.api.VitalSign;
import io.wardgate.api.pipeline.AdmittedAlarms;
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
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Alarm changes are sealed at once, in an envelope of their own, stored with ALARM precedence. */
class AlarmSealingTest {
    private static final Route ROUTE = new Route("icu-monitors", "vitals", "backend-test", 5);

    @Test
    void anAlarmIsSealedAtOnceAheadOfTheReadingsBatchBeingFilled() throws Exception {
        InMemoryOutbox memory = new InMemoryOutbox();
        Map<String, Precedence> precedence = new ConcurrentHashMap<>();
        DelegatingOutbox outbox = new DelegatingOutbox(memory) {
            @Override
            public StoreOutcome store(SealedEnvelope envelope, Precedence given) {
                precedence.put(envelope.tags().deviceId(), given);
                return memory.store(envelope);
            }
        };
        SecureRandom random = new SecureRandom();
        // Fixed window: readings wait up to a minute for a batch of 100, so only the alarm can come out before
        // the flush (adaptive batching would seal the reading at once too; AdaptiveSealingTest covers that).
        try (BatchingSealer sealer = new BatchingSealer(new SealerSettings(100, 60_000,
                ContentAlgorithm.CHACHA20_POLY1305, 1000, false), BatchingSealerTest.keys(), outbox,
                new EnvelopeSealer(Randomness.secure(random), Es256Signer.randomized(random)), 4, Clock.systemUTC(),
                Optional::empty)) {
            sealer.seal(new AdmittedReadings(new DeviceReadings(TestReadings.MONITOR, TestReadings.BED_12,
                    List.of(Observation.of(VitalSign.HEART_RATE, Decimal.ofInteger(61), Set.of(), TestReadings.T0))),
                    ROUTE));
            Alarm alarm = new Alarm(null, "", "HR HIGH", AlarmPriority.HIGH, AlarmState.ACTIVE, null, TestReadings.T0);
            sealer.seal(new AdmittedAlarms(new DeviceAlarms(TestReadings.MONITOR, TestReadings.BED_12, List.of(alarm)),
                    ROUTE));

            await().atMost(Duration.ofSeconds(30)).until(() -> memory.envelopes().size() == 1);
            SealedEnvelope sealed = memory.envelopes().get(0);
            assertThat(precedence).containsOnly(Map.entry(TestReadings.MONITOR.id() + "#alarms", Precedence.ALARM));
            assertThat(sealed.tags().sequence()).as("first of the device's alarm stream").isZero();
            assertThat(sealed.tags().topic()).endsWith("_23alarms");
            assertThat(sealed.tags().readingCount()).isEqualTo(1);
            OpenResult opened = new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                    TestKeys.trusting(TestKeys.gateway().getPublic())).open(sealed.bytes());
            assertThat(opened).isInstanceOfSatisfying(OpenResult.Opened.class, o -> {
                assertThat(o.batch().alarms()).containsExactly(alarm);
                assertThat(o.batch().group()).isEqualTo("icu-monitors");
            });

            sealer.flushNow();
            assertThat(memory.envelopes()).extracting(e -> e.tags().deviceId() + "/" + e.tags().sequence())
                    .containsExactly(TestReadings.MONITOR.id() + "#alarms/0", TestReadings.MONITOR.id() + "/0");
            assertThat(precedence).containsOnly(Map.entry(TestReadings.MONITOR.id() + "#alarms", Precedence.ALARM),
                    Map.entry(TestReadings.MONITOR.id(), Precedence.ROUTINE));
        }
    }
}
