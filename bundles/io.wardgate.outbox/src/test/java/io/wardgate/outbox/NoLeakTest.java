package io.wardgate.outbox;

import static io.wardgate.outbox.Envelopes.T0;
import static io.wardgate.outbox.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.StoredEnvelope;
import io.wardgate.testkit.MutableClock;
import io.wardgate.testkit.RecordingAuditTrail;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S12: what an envelope carries never shows up in logs, alarms or audit records. In real use the
 * envelope bytes are ciphertext already; here a plain marker stands in for a reading's value.
 */
class NoLeakTest {
    private static final String MARKER = "SPO2-MARKER-97-PERCENT";

    @TempDir
    Path dir;

    @Test
    void envelopeContentIsNeverLoggedAlarmedOrAudited() throws Exception {
        RecordingAuditTrail audit = new RecordingAuditTrail();
        MutableClock clock = new MutableClock(T0.plusSeconds(60));
        byte[] bytes = (MARKER + " ").repeat(2000).getBytes(StandardCharsets.US_ASCII);
        Path file = dir.resolve("outbox.db");
        Files.writeString(file, "garbage, so the corrupt path logs too " + MARKER);

        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (OutboxEngine outbox = new OutboxEngine(OutboxSettings.defaults(file).withCapacity(1 << 20)
                .withPolicy(FullPolicy.REFUSE_NEW), clock, () -> audit)) {
            for (int i = 0; outbox.status().alarm().isEmpty() || i < 3; i++) {
                outbox.store(envelope("dev", i, 5, bytes, T0.plusSeconds(i)));
                if (i > 100) {
                    break;
                }
            }
            for (StoredEnvelope sent : outbox.next(10)) {
                outbox.acknowledge(sent.storageId());
            }
            outbox.sweepNow();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("Outbox alarm raised"); // the capture did see the outbox's log lines
        assertThat(log).doesNotContain(MARKER);
        assertThat(audit.events()).isNotEmpty().extracting(AuditEvent::detail)
                .allSatisfy(detail -> assertThat(detail).doesNotContain(MARKER));
    }
}
