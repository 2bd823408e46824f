package io.wardgate.outbox;

import static io.wardgate.outbox.Envelopes.T0;
import static io.wardgate.outbox.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.StoreOutcome;
import io.wardgate.api.pipeline.StoredEnvelope;
import io.wardgate.testkit.MutableClock;
import io.wardgate.testkit.RecordingAuditTrail;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capacity by bytes and by age: the policy applies, always with an alarm and an audit record (R3). */
class CapacityTest {
    private static final int MIB = 1 << 20;
    private static final int SIZE = 100 * 1024;

    @TempDir
    Path dir;

    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final MutableClock clock = new MutableClock(T0.plusSeconds(3600));
    private OutboxEngine outbox;

    private OutboxEngine open(OutboxSettings settings) {
        outbox = new OutboxEngine(settings, clock, () -> audit);
        return outbox;
    }

    @AfterEach
    void close() {
        if (outbox != null) {
            outbox.close();
        }
    }

    private OutboxSettings oneMib(FullPolicy policy) {
        return OutboxSettings.defaults(dir.resolve("outbox.db")).withCapacity(MIB).withPolicy(policy);
    }

    @Test
    void dropPolicyEvictsTheOldestOfTheLowestPriorityFirst() {
        open(oneMib(FullPolicy.DROP_OLDEST_LOWEST_PRIORITY));
        // 10 x 100 KiB fit in 1 MiB: five of priority 2 (waveforms, say), five of priority 8 (alarms).
        for (int i = 0; i < 5; i++) {
            assertThat(outbox.store(envelope("low", i, 2, SIZE, T0.plusSeconds(i)))).isEqualTo(StoreOutcome.STORED);
            assertThat(outbox.store(envelope("high", i, 8, SIZE, T0.plusSeconds(i)))).isEqualTo(StoreOutcome.STORED);
        }
        assertThat(outbox.status().alarm()).isEmpty();

        assertThat(outbox.store(envelope("high", 5, 8, SIZE, T0.plusSeconds(5))))
                .isEqualTo(StoreOutcome.STORED_AFTER_EVICTION);
        assertThat(outbox.status().bytes()).isLessThanOrEqualTo(MIB);
        assertThat(outbox.status().alarm()).contains("outbox full").contains("evicted");
        assertThat(audit.withAction("OUTBOX_EVICTED")).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.WARNING);
            assertThat(event.detail()).startsWith("1 envelope(s), 102400 bytes");
        });
        // The oldest low-priority envelope went; every high-priority one is still there.
        assertThat(outbox.next(100)).extracting(StoredEnvelope::envelope)
                .extracting(e -> e.tags().deviceId() + "#" + e.tags().sequence())
                .doesNotContain("low#0").contains("low#1", "high#0", "high#5");
    }

    @Test
    void dropPolicyNeverEvictsHigherPriorityForLowerPriority() {
        open(oneMib(FullPolicy.DROP_OLDEST_LOWEST_PRIORITY));
        for (int i = 0; i < 10; i++) {
            outbox.store(envelope("high", i, 8, SIZE, T0.plusSeconds(i)));
        }
        assertThat(outbox.store(envelope("low", 0, 2, SIZE, T0))).isEqualTo(StoreOutcome.REFUSED_FULL);
        assertThat(outbox.status().envelopes()).isEqualTo(10);
        assertThat(outbox.status().alarm()).contains("refused");
        assertThat(audit.withAction("OUTBOX_REFUSED")).singleElement()
                .satisfies(event -> assertThat(event.detail()).contains("nothing of priority <= 2"));
    }

    @Test
    void refusePolicyKeepsWhatIsStoredAndAlarmsUntilDrained() {
        open(oneMib(FullPolicy.REFUSE_NEW));
        for (int i = 0; i < 10; i++) {
            outbox.store(envelope("a", i, 5, SIZE, T0.plusSeconds(i)));
        }
        assertThat(outbox.store(envelope("a", 10, 9, SIZE, T0.plusSeconds(10)))).isEqualTo(StoreOutcome.REFUSED_FULL);
        assertThat(outbox.store(envelope("a", 11, 9, SIZE, T0.plusSeconds(11)))).isEqualTo(StoreOutcome.REFUSED_FULL);
        assertThat(outbox.status().envelopes()).isEqualTo(10);
        assertThat(outbox.status().alarm()).contains("REFUSE_NEW");
        // First refusal audited at once, the second counted into the next summary (no audit flood).
        assertThat(audit.withAction("OUTBOX_REFUSED")).singleElement()
                .satisfies(event -> assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.DENIED));
        clock.advance(Duration.ofMinutes(2));
        outbox.sweepNow();
        assertThat(audit.withAction("OUTBOX_REFUSED")).hasSize(2).last()
                .satisfies(event -> assertThat(event.detail()).startsWith("1 envelope(s), 102400 bytes"));

        // The uplink drains; below 90 % the alarm clears (audited), and new data is taken again.
        for (StoredEnvelope sent : outbox.next(3)) {
            outbox.acknowledge(sent.storageId());
        }
        assertThat(outbox.store(envelope("a", 12, 5, SIZE, T0.plusSeconds(12)))).isEqualTo(StoreOutcome.STORED);
        assertThat(outbox.status().alarm()).isEmpty();
        assertThat(audit.withAction("OUTBOX_ALARM_CLEARED")).isNotEmpty();
    }

    @Test
    void anEnvelopeLargerThanTheCapacityIsRefusedWhateverThePolicy() {
        open(oneMib(FullPolicy.DROP_OLDEST_LOWEST_PRIORITY));
        outbox.store(envelope("a", 0));
        assertThat(outbox.store(envelope("a", 1, 9, MIB + 1, T0))).isEqualTo(StoreOutcome.REFUSED_FULL);
        assertThat(outbox.status().envelopes()).isEqualTo(1);
        assertThat(audit.withAction("OUTBOX_REFUSED")).isNotEmpty();
    }

    @Test
    void envelopesPastTheMaximumAgeAreDroppedWithAlarmAndAudit() {
        open(OutboxSettings.defaults(dir.resolve("outbox.db")).withMaxAge(Duration.ofHours(1)));
        outbox.store(envelope("a", 0, 5, 100, T0));
        outbox.store(envelope("a", 1, 5, 100, T0.plusSeconds(1800)));
        outbox.sweepNow();
        assertThat(outbox.status().envelopes()).isEqualTo(2);
        assertThat(outbox.status().alarm()).isEmpty();

        clock.advance(Duration.ofMinutes(30)); // now T0 + 90 min: the first is 90 min old
        outbox.sweepNow();
        assertThat(outbox.status().envelopes()).isEqualTo(1);
        assertThat(outbox.status().oldest()).isEqualTo(T0.plusSeconds(1800));
        assertThat(outbox.status().alarm()).contains("older than");
        assertThat(audit.withAction("OUTBOX_EXPIRED")).singleElement()
                .satisfies(event -> assertThat(event.detail()).startsWith("1 envelope(s), 100 bytes"));
        assertThat(outbox.next(10)).extracting(e -> e.envelope().tags().sequence()).containsExactly(1L);

        outbox.sweepNow(); // the alarm stays a while so an operator sees it
        assertThat(outbox.status().alarm()).contains("older than");
        clock.advance(OutboxWriter.EXPIRED_ALARM_HOLD); // (the remaining envelope expires meanwhile)
        outbox.sweepNow();
        clock.advance(OutboxWriter.EXPIRED_ALARM_HOLD);
        outbox.sweepNow();
        assertThat(outbox.status().alarm()).isEmpty();
        assertThat(outbox.status().envelopes()).isZero();
    }
}
