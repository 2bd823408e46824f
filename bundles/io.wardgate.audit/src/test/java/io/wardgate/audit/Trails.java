package io.wardgate.audit;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: settings, events, and raw access to segment lines for tampering. */
final class Trails {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private Trails() {
    }

    static AuditSettings settings(Path dir) {
        return new AuditSettings(dir, 1024 * 1024, 64 * 1024, 80, "wg-test-1", "st-marys/icu-3");
    }

    static AuditSettings small(Path dir, long segmentBytes, long maxBytes) {
        return new AuditSettings(dir, maxBytes, segmentBytes, 80, "wg-test-1", "st-marys/icu-3");
    }

    static FileAuditTrail open(AuditSettings settings) throws IOException {
        return FileAuditTrail.open(settings, Clock.systemUTC(), new SecureRandom());
    }

    static AuditEvent event(int i) {
        return new AuditEvent(T0.plusSeconds(i), "user:alice", i % 2 == 0 ? "CONFIG_CHANGED" : "DEVICE_APPROVED",
                "serial:/dev/ttyUSB" + i, Outcome.SUCCESS, "event number " + i);
    }

    static void fill(FileAuditTrail trail, int count) {
        for (int i = 0; i < count; i++) {
            trail.record(event(i));
        }
    }

    /** All lines of a segment, header first. */
    static List<String> lines(Path dir, long segment) throws IOException {
        return new ArrayList<>(Files.readAllLines(Segments.path(dir, segment), StandardCharsets.US_ASCII));
    }

    static void write(Path dir, long segment, List<String> lines) throws IOException {
        Files.writeString(Segments.path(dir, segment), String.join("\n", lines) + "\n", StandardCharsets.US_ASCII);
    }
}
