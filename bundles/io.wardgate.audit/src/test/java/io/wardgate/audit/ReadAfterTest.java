package io.wardgate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.audit.api.AuditRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AuditLog.readAfter (API 1.1): the exporter's read by sequence, across rotation and the size bound. */
class ReadAfterTest {
    @TempDir
    Path dir;

    @Test
    void readsInSequenceAfterTheCursorAcrossSegmentsWithALimit() throws IOException {
        try (FileAuditTrail trail = Trails.open(Trails.small(dir, 4096, 64 * 4096))) {
            Trails.fill(trail, 120);
            assertThat(Segments.list(dir)).hasSizeGreaterThan(3); // the records span several segments

            List<AuditRecord> all = trail.readAfter(0, 1000);
            assertThat(all).extracting(AuditRecord::sequence)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 120).boxed().toList());

            assertThat(trail.readAfter(57, 10)).extracting(AuditRecord::sequence)
                    .containsExactly(58L, 59L, 60L, 61L, 62L, 63L, 64L, 65L, 66L, 67L);
            assertThat(trail.readAfter(118, 10)).extracting(AuditRecord::sequence).containsExactly(119L, 120L);
            assertThat(trail.readAfter(120, 10)).isEmpty();
            assertThat(trail.readAfter(500, 10)).isEmpty();
            assertThat(trail.readAfter(57, 1).get(0).hash()).isEqualTo(all.get(57).hash());
        }
    }

    @Test
    void afterTheBoundDroppedSegmentsTheGapShowsInTheFirstSequence() throws IOException {
        try (FileAuditTrail trail = Trails.open(Trails.small(dir, 4096, 3 * 4096))) {
            Trails.fill(trail, 200);
            List<AuditRecord> retained = trail.readAfter(0, 1000);

            assertThat(retained.get(0).sequence()).isGreaterThan(1); // older records were dropped
            assertThat(trail.readAfter(1, 5).get(0).sequence()).isEqualTo(retained.get(0).sequence());
            assertThat(retained.get(retained.size() - 1).sequence()).isEqualTo(trail.status().lastSequence());
        }
    }

    @Test
    void boundsAreCheckedUpFront() throws IOException {
        try (FileAuditTrail trail = Trails.open(Trails.settings(dir))) {
            assertThatThrownBy(() -> trail.readAfter(-1, 10)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> trail.readAfter(0, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> trail.readAfter(0, 10_001)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
