package io.wardgate.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Decimal;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.VitalSign;
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.envelope.TestReadings;
import io.wardgate.seal.identity.TestCa;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 items 2 and 4 at the receiver: real sealed envelopes from a gateway whose clock booted wrong.
 * Every reading comes out with a correct time or flagged TIME_UNVERIFIED, in JSON lines and FHIR.
 */
class ClockNotesTest {
    private static final Instant REAL = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path temp;

    private TestGateway gateway;
    private final StringWriter json = new StringWriter();
    private final StringWriter fhir = new StringWriter();
    private Receiver receiver;
    private TestClockNotes notes;
    private long readingSequence;

    @BeforeEach
    void setUp() throws Exception {
        TestCa ca = new TestCa("Hospital Gateway CA");
        gateway = new TestGateway(temp.resolve("gw"), "wg-ward-7", ca);
        notes = new TestClockNotes(gateway, 4);
        receiver = new Receiver(new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                new CaSignerCheck(List.of(ca.certificate()), List.of(), List.of())), new WindowDeduplicator(256, 1000),
                List.of(new JsonLinesSink(json), new FhirObservationSink(fhir)));
    }

    private void unverified(Instant at) throws Exception {
        assertThat(receiver.receive(null, notes.unverified(at))).isInstanceOf(OpenResult.Opened.class);
    }

    private void synchronised(Instant old, Instant synced, long windowMillis) throws Exception {
        assertThat(receiver.receive(null, notes.synchronised(old, synced, windowMillis)))
                .isInstanceOf(OpenResult.Opened.class);
    }

    private void reading(long epoch, Instant stampedAt) throws Exception {
        List<Reading> readings = List.of(Observation.of(VitalSign.HEART_RATE, Decimal.ofInteger(72), Set.of(), stampedAt));
        Batch batch = new Batch(TestReadings.MONITOR, TestReadings.BED_12, "icu", readings);
        assertThat(receiver.receive(null, gateway.seal(batch.streamId(), epoch, readingSequence++, stampedAt, batch)))
                .isInstanceOf(OpenResult.Opened.class);
    }

    private List<String> readingLines() {
        return json.toString().lines().filter(l -> l.contains("\"kind\":\"observation\"")).toList();
    }

    @Test
    void bootAt1970ThenAForwardStepReStampsTheBacklog() throws Exception {
        Instant boot = Instant.EPOCH.plusSeconds(25);
        unverified(boot);
        // the old timeline ends at 1970 + 100 s, which was REAL - 20 s: NTP stepped the clock by decades
        synchronised(Instant.EPOCH.plusSeconds(100), REAL.minusSeconds(20), 10_000);
        reading(4, Instant.EPOCH.plusSeconds(30)); // held in the outbox, forwarded after the notes
        reading(4, REAL.plusSeconds(5)); // after synchronisation
        reading(3, Instant.EPOCH.plusSeconds(30)); // an earlier epoch (boot) that no note speaks for

        List<String> lines = readingLines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("\"receivedAt\":\"" + REAL.minusSeconds(90) + "\"")
                .contains("\"sealedAt\":\"" + REAL.minusSeconds(90) + "\"").doesNotContain("TIME_UNVERIFIED");
        assertThat(lines.get(1)).contains("\"receivedAt\":\"" + REAL.plusSeconds(5) + "\"").doesNotContain("TIME_UNVERIFIED");
        assertThat(lines.get(2)).contains("\"receivedAt\":\"" + Instant.EPOCH.plusSeconds(30) + "\"");
        assertThat(fhir.toString().lines().filter(l -> l.contains("1970-")).count())
                .as("only the reading of the epoch no note speaks for").isEqualTo(1);
    }

    @Test
    void withoutSynchronisationWithinTheMaximumWaitReadingsAreFlagged() throws Exception {
        Instant saved = REAL.minus(Duration.ofDays(3)); // fake-hwclock's time from days ago
        unverified(saved);
        reading(4, saved.plusSeconds(60));
        List<String> lines = readingLines();
        assertThat(lines).singleElement().satisfies(l -> assertThat(l).contains("\"status\":[\"TIME_UNVERIFIED\"]",
                "\"receivedAt\":\"" + saved.plusSeconds(60) + "\""));
        assertThat(fhir.toString()).contains("TIME_UNVERIFIED");
    }

    @Test
    void aBackwardStepOfHoursReStampsWhatCanBePlacedAndFlagsTheOverlap() throws Exception {
        Instant ahead = REAL.plus(Duration.ofHours(3)); // a clock 3 h ahead, stepped back at REAL
        unverified(ahead);
        synchronised(ahead.plus(Duration.ofHours(1)), REAL.plus(Duration.ofHours(1)), 10_000);
        reading(4, ahead.minus(Duration.ofHours(5))); // old timeline, long before the overlap: placed
        reading(4, ahead.plusSeconds(60)); // old timeline or 3 h 1 min after synchronisation: cannot tell
        reading(4, ahead.plus(Duration.ofHours(2))); // after the old timeline's end: synchronised
        List<String> lines = readingLines();
        assertThat(lines.get(0)).contains("\"receivedAt\":\"" + REAL.minus(Duration.ofHours(5)) + "\"")
                .doesNotContain("TIME_UNVERIFIED");
        assertThat(lines.get(1)).contains("TIME_UNVERIFIED", "\"receivedAt\":\"" + ahead.plusSeconds(60) + "\"");
        assertThat(lines.get(2)).doesNotContain("TIME_UNVERIFIED");
    }
}
