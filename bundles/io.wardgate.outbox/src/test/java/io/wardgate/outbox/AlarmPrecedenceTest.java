package io.wardgate.outbox;

import static io.wardgate.outbox.Envelopes.T0;
import static io.wardgate.outbox.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.Precedence;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.api.pipeline.StoreOutcome;
import io.wardgate.api.pipeline.StoredEnvelope;
import io.wardgate.testkit.MutableClock;
import io.wardgate.testkit.RecordingAuditTrail;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alarm envelopes in a real SQLite outbox: handed out before any backlog, evicted last (issue 17 item 3). */
class AlarmPrecedenceTest {
    private static final int MIB = 1 << 20;
    private static final int SIZE = 100 * 1024;

    @TempDir
    Path dir;

    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private OutboxEngine outbox;

    @AfterEach
    void close() {
        if (outbox != null) {
            outbox.close();
        }
    }

    private OutboxEngine open(OutboxSettings settings, Instant now) {
        outbox = new OutboxEngine(settings, new MutableClock(now), () -> audit);
        return outbox;
    }

    private static String device(StoredEnvelope stored) {
        return stored.envelope().tags().deviceId();
    }

    @Test
    void anAlarmStoredDuringABacklogDrainIsHandedOutNext() {
        open(OutboxSettings.defaults(dir.resolve("outbox.db")), T0.plusSeconds(3600));
        for (int i = 0; i < 300; i++) {
            outbox.store(envelope("serial:/dev/ttyUSB" + (i % 3), i / 3));
        }
        // The uplink drains: a window of 10 in flight, acknowledged, the next 10 ...
        List<StoredEnvelope> window = outbox.next(10);
        assertThat(window).hasSize(10);
        window.forEach(stored -> outbox.acknowledge(stored.storageId()));
        SealedEnvelope alarm = envelope("serial:/dev/ttyUSB1", 100, 5, 100, T0.plusSeconds(200));
        assertThat(outbox.store(alarm, Precedence.ALARM)).isEqualTo(StoreOutcome.STORED);

        List<StoredEnvelope> next = outbox.next(10);
        assertThat(next).hasSize(10);
        assertThat(next.get(0).envelope()).isEqualTo(alarm);
        assertThat(next.subList(1, 10)).noneMatch(stored -> stored.envelope().equals(alarm));
        // Handed out once: in flight, it is not handed out again; released, it is first again.
        assertThat(outbox.next(50)).noneMatch(stored -> stored.envelope().equals(alarm));
        outbox.release(next.get(0).storageId());
        assertThat(outbox.next(1)).singleElement().satisfies(s -> assertThat(s.envelope()).isEqualTo(alarm));
    }

    @Test
    void severalAlarmsComeOutOldestFirstAheadOfEveryDevice() {
        open(OutboxSettings.defaults(dir.resolve("outbox.db")), T0.plusSeconds(3600));
        for (int i = 0; i < 20; i++) {
            outbox.store(envelope("a", i));
            outbox.store(envelope("b", i));
        }
        outbox.store(envelope("b", 20), Precedence.ALARM);
        outbox.store(envelope("a", 20), Precedence.ALARM);
        List<StoredEnvelope> next = outbox.next(4);
        assertThat(next).extracting(AlarmPrecedenceTest::device).containsExactly("b", "a", "a", "b");
        assertThat(next.get(0).envelope().tags().sequence()).isEqualTo(20);
        assertThat(next.get(1).envelope().tags().sequence()).isEqualTo(20);
        assertThat(next.get(2).envelope().tags().sequence()).isZero();
    }

    @Test
    void alarmsAreTheLastThingTheFullPolicyDrops() {
        open(OutboxSettings.defaults(dir.resolve("outbox.db")).withCapacity(MIB), T0.plusSeconds(3600));
        // Full: 5 alarms and 5 readings envelopes of the highest route priority.
        for (int i = 0; i < 5; i++) {
            assertThat(outbox.store(envelope("alarms", i, 1, SIZE, T0.plusSeconds(i)), Precedence.ALARM))
                    .isEqualTo(StoreOutcome.STORED);
            assertThat(outbox.store(envelope("vitals", i, 9, SIZE, T0.plusSeconds(i)))).isEqualTo(StoreOutcome.STORED);
        }
        // A readings envelope may evict readings, never an alarm.
        assertThat(outbox.store(envelope("vitals", 5, 9, SIZE, T0.plusSeconds(5))))
                .isEqualTo(StoreOutcome.STORED_AFTER_EVICTION);
        // Alarms evict readings first, whatever their priority ...
        for (int i = 5; i < 10; i++) {
            assertThat(outbox.store(envelope("alarms", i, 1, SIZE, T0.plusSeconds(i)), Precedence.ALARM))
                    .isEqualTo(StoreOutcome.STORED_AFTER_EVICTION);
        }
        List<StoredEnvelope> all = outbox.next(100);
        assertThat(all).extracting(AlarmPrecedenceTest::device).containsOnly("alarms").hasSize(10);
        all.forEach(stored -> outbox.release(stored.storageId()));
        // ... and with only alarms left, readings are refused rather than evict one.
        assertThat(outbox.store(envelope("vitals", 6, 9, SIZE, T0.plusSeconds(6)))).isEqualTo(StoreOutcome.REFUSED_FULL);
        // A new alarm evicts the oldest alarm last of all.
        assertThat(outbox.store(envelope("alarms", 10, 1, SIZE, T0.plusSeconds(10)), Precedence.ALARM))
                .isEqualTo(StoreOutcome.STORED_AFTER_EVICTION);
        assertThat(outbox.next(100)).extracting(stored -> stored.envelope().tags().sequence())
                .doesNotContain(0L).contains(10L);
    }

    @Test
    void underRefuseNewAnAlarmStillMakesRoomButOnlyAtTheCostOfReadings() {
        open(OutboxSettings.defaults(dir.resolve("outbox.db")).withCapacity(MIB).withPolicy(FullPolicy.REFUSE_NEW),
                T0.plusSeconds(3600));
        for (int i = 0; i < 10; i++) {
            outbox.store(envelope("vitals", i, 9, SIZE, T0.plusSeconds(i)));
        }
        assertThat(outbox.store(envelope("vitals", 10, 9, SIZE, T0.plusSeconds(10)))).isEqualTo(StoreOutcome.REFUSED_FULL);
        assertThat(outbox.store(envelope("alarms", 0, 0, SIZE, T0), Precedence.ALARM))
                .isEqualTo(StoreOutcome.STORED_AFTER_EVICTION);
        assertThat(outbox.next(1)).singleElement().satisfies(s -> assertThat(device(s)).isEqualTo("alarms"));
    }

    /**
     * outbox-v1.db was written by the outbox of schema 1 (before this change; four envelopes of two
     * devices sealed 2026-01-01T00:00:00Z..03Z). Opening it migrates it in place: nothing is lost.
     */
    @Test
    void anOutboxFileOfSchemaOneIsMigratedAndKeepsItsEnvelopes() throws Exception {
        Path file = dir.resolve("outbox.db");
        try (InputStream in = getClass().getResourceAsStream("outbox-v1.db")) {
            Files.copy(in, file);
        }
        assertThat(columns(file)).doesNotContain("precedence");
        Instant fixtureTime = Instant.parse("2026-01-01T00:10:00Z");
        open(OutboxSettings.defaults(file), fixtureTime);
        assertThat(outbox.status().envelopes()).isEqualTo(4);
        assertThat(outbox.lastSequence("serial:/dev/ttyUSB0", 1)).isEqualTo(2);
        SealedEnvelope alarm = envelope("serial:/dev/ttyUSB1", 1, 5, 100, fixtureTime);
        outbox.store(alarm, Precedence.ALARM);
        List<StoredEnvelope> next = outbox.next(10);
        assertThat(next).hasSize(5);
        assertThat(next.get(0).envelope()).isEqualTo(alarm);
        List<String> bodies = new ArrayList<>();
        for (StoredEnvelope stored : next.subList(1, 5)) {
            bodies.add(new String(stored.envelope().bytes(), 0, 21, java.nio.charset.StandardCharsets.US_ASCII));
        }
        assertThat(bodies).contains("serial:/dev/ttyUSB0#0", "serial:/dev/ttyUSB0#2", "serial:/dev/ttyUSB1#0");
        outbox.close();
        outbox = null;
        assertThat(columns(file)).contains("precedence");
        assertThat(schema(file)).isEqualTo(2);
        // Opened again, the migrated file is simply version 2.
        open(OutboxSettings.defaults(file), fixtureTime);
        assertThat(outbox.status().envelopes()).isEqualTo(5);
        assertThat(outbox.next(1)).singleElement().satisfies(s -> assertThat(s.envelope()).isEqualTo(alarm));
    }

    private static List<String> columns(Path file) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA table_info(envelope)")) {
            while (rows.next()) {
                names.add(rows.getString("name"));
            }
        }
        return names;
    }

    private static long schema(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT value FROM meta WHERE key='schema'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
