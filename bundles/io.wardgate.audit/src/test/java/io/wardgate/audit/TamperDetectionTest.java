package io.wardgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.audit.api.Verification;
import io.wardgate.audit.api.Verification.BrokenLink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S17: editing, deleting or reordering one record breaks the chain, reported at that record. */
class TamperDetectionTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeTrail() throws IOException {
        try (FileAuditTrail trail = Trails.open(Trails.settings(dir))) {
            Trails.fill(trail, 20);
            assertThat(trail.verify().intact()).isTrue();
        }
        assertThat(ChainVerifier.verify(dir).records()).isEqualTo(20);
    }

    @Test
    void editingOneFieldOfARecordIsReportedAtThatRecord() throws IOException {
        List<String> lines = Trails.lines(dir, 1);
        lines.set(1 + 7, lines.get(1 + 7).replace("user:alice", "user:mallory"));
        Trails.write(dir, 1, lines);

        Verification result = ChainVerifier.verify(dir);

        assertThat(result.intact()).isFalse();
        assertThat(result.brokenLink()).isEqualTo(new BrokenLink(1, 7, "record content does not match its hash (record altered)"));
        assertThat(result.records()).isEqualTo(7);
    }

    @Test
    void editingARecordAndItsOwnHashIsReportedAtTheNextRecord() throws IOException {
        List<String> lines = Trails.lines(dir, 1);
        String edited = lines.get(1 + 4).replace("event number 4", "event number 5");
        String body = edited.substring(0, edited.lastIndexOf('\t'));
        lines.set(1 + 4, body + "\t" + RecordCodec.hashOfBody(body));
        Trails.write(dir, 1, lines);

        BrokenLink broken = ChainVerifier.verify(dir).brokenLink();

        assertThat(broken.segment()).isEqualTo(1);
        assertThat(broken.index()).isEqualTo(5);
        assertThat(broken.reason()).contains("does not chain");
    }

    @Test
    void deletingARecordIsReportedWhereItWas() throws IOException {
        List<String> lines = Trails.lines(dir, 1);
        lines.remove(1 + 12);
        Trails.write(dir, 1, lines);

        BrokenLink broken = ChainVerifier.verify(dir).brokenLink();

        assertThat(broken.segment()).isEqualTo(1);
        assertThat(broken.index()).isEqualTo(12);
        assertThat(broken.reason()).contains("deleted, inserted or reordered");
    }

    @Test
    void reorderingTwoRecordsIsReportedAtTheFirstMovedOne() throws IOException {
        List<String> lines = Trails.lines(dir, 1);
        Collections.swap(lines, 1 + 3, 1 + 4);
        Trails.write(dir, 1, lines);

        BrokenLink broken = ChainVerifier.verify(dir).brokenLink();

        assertThat(broken.segment()).isEqualTo(1);
        assertThat(broken.index()).isEqualTo(3);
        assertThat(broken.reason()).contains("does not chain");
    }

    @Test
    void deletingTheLastRecordIsInvisibleToTheChainButNotToTheExportedHead() throws IOException {
        String head;
        try (FileAuditTrail trail = Trails.open(Trails.settings(dir))) {
            head = trail.status().lastHash();
        }
        List<String> lines = Trails.lines(dir, 1);
        lines.remove(lines.size() - 1);
        Trails.write(dir, 1, lines);

        try (FileAuditTrail trail = Trails.open(Trails.settings(dir))) {
            // a hash chain cannot see a cut at its end by itself: the head exported earlier can
            assertThat(trail.verify().intact()).isTrue();
            assertThat(trail.status().lastHash()).isNotEqualTo(head);
        }
    }

    @Test
    void replacingTheAnchorIsReportedAtTheFirstRecord() throws IOException {
        List<String> lines = Trails.lines(dir, 1);
        String[] header = lines.get(0).split("\t");
        header[2] = "0".repeat(64);
        lines.set(0, String.join("\t", header));
        Trails.write(dir, 1, lines);

        BrokenLink broken = ChainVerifier.verify(dir).brokenLink();

        assertThat(broken).isEqualTo(new BrokenLink(1, 0,
                "record does not chain to the one before it (a record was deleted, inserted or reordered here)"));
    }

    @Test
    void aLineOfGarbageIsReportedAsMalformed() throws IOException {
        List<String> lines = Trails.lines(dir, 1);
        lines.set(1 + 9, "not a record at all");
        Trails.write(dir, 1, lines);

        BrokenLink broken = ChainVerifier.verify(dir).brokenLink();

        assertThat(broken.index()).isEqualTo(9);
        assertThat(broken.reason()).startsWith("malformed record");
    }

    @Test
    void anUnrecoveredTornLastLineIsReportedNotIgnored() throws IOException {
        List<String> lines = Trails.lines(dir, 1);
        String last = lines.remove(lines.size() - 1);
        Files.writeString(Segments.path(dir, 1), String.join("\n", lines) + "\n" + last.substring(0, 30));

        BrokenLink broken = ChainVerifier.verify(dir).brokenLink();

        assertThat(broken.index()).isEqualTo(19);
        assertThat(broken.reason()).startsWith("torn last line: incomplete write of 30 bytes");
    }
}
