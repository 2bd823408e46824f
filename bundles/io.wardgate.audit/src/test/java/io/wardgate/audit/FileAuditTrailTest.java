package io.wardgate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.audit.api.AuditQuery;
import io.wardgate.audit.api.AuditRecord;
import io.wardgate.audit.api.AuditStatus;
import io.wardgate.audit.api.Verification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S16/S17: complete records, durability across reopen, rotation, the bound, near-full warning, queries. */
class FileAuditTrailTest {
    @TempDir
    Path dir;

    @Test
    void aRecordSaysWhoWhatWhenWhereAndOutcome() throws IOException {
        try (FileAuditTrail trail = Trails.open(Trails.settings(dir))) {
            trail.record(new AuditEvent(Trails.T0, "user:alice", "DEVICE_APPROVED", "serial:/dev/wardgate/bed-12",
                    Outcome.SUCCESS, "group icu-monitors"));

            AuditRecord record = trail.query(AuditQuery.latest(1)).get(0);

            assertThat(record.actor()).isEqualTo("user:alice");
            assertThat(record.action()).isEqualTo("DEVICE_APPROVED");
            assertThat(record.at()).isEqualTo(Trails.T0);
            assertThat(record.gatewayId()).isEqualTo("wg-test-1");
            assertThat(record.location()).isEqualTo("st-marys/icu-3");
            assertThat(record.event().outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(record.event().target()).isEqualTo("serial:/dev/wardgate/bed-12");
            assertThat(record.sequence()).isEqualTo(1);
            assertThat(Files.readString(Segments.path(dir, 1))).contains(
                    "1\t2026-03-01T10:00:00Z\twg-test-1\tst-marys/icu-3\tuser:alice\tDEVICE_APPROVED\t"
                            + "serial:/dev/wardgate/bed-12\tSUCCESS\tgroup icu-monitors\t");
        }
    }

    @Test
    void filesAreReadableByTheServiceUserOnly() throws IOException {
        Path nested = dir.resolve("audit");
        try (FileAuditTrail trail = Trails.open(Trails.settings(nested))) {
            Trails.fill(trail, 1);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Segments.path(nested, 1))))
                .isEqualTo("rw-------");
    }

    @Test
    void reopeningContinuesTheSameChain() throws IOException {
        try (FileAuditTrail trail = Trails.open(Trails.settings(dir))) {
            Trails.fill(trail, 5);
        }
        try (FileAuditTrail trail = Trails.open(Trails.settings(dir))) {
            Trails.fill(trail, 5);
            Verification result = trail.verify();
            assertThat(result.intact()).isTrue();
            assertThat(result.records()).isEqualTo(10);
            assertThat(trail.status().lastSequence()).isEqualTo(10);
        }
    }

    @Test
    void aSecondWriterOnTheSameDirectoryIsRefused() throws IOException {
        try (FileAuditTrail trail = Trails.open(Trails.settings(dir))) {
            assertThatThrownBy(() -> Trails.open(Trails.settings(dir))).isInstanceOf(IOException.class)
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void rotationKeepsTheChainVerifiableAcrossSegments() throws IOException {
        try (FileAuditTrail trail = Trails.open(Trails.small(dir, 4096, 1024 * 1024))) {
            Trails.fill(trail, 100);
            assertThat(trail.status().segments()).isGreaterThan(3);
            Verification result = trail.verify();
            assertThat(result.intact()).isTrue();
            assertThat(result.records()).isEqualTo(100);
            assertThat(result.firstSegment()).isEqualTo(1);
        }
        // each new segment starts with the hash of the last record of the one before
        List<String> second = Trails.lines(dir, 2);
        List<String> first = Trails.lines(dir, 1);
        assertThat(second.get(0).split("\t")[2]).isEqualTo(RecordCodec.storedHash(first.get(first.size() - 1)));

        // a middle segment removed by hand is a broken link
        Files.delete(Segments.path(dir, 2));
        assertThat(ChainVerifier.verify(dir).brokenLink().toString()).isEqualTo("segment 3 header: segment 2 is missing");
    }

    @Test
    void aFullTrailDropsItsOldestSegmentRecordsThatAndStillVerifies() throws IOException {
        long max = 3 * 4096;
        try (FileAuditTrail trail = Trails.open(Trails.small(dir, 4096, max))) {
            for (int i = 0; i < 200; i++) {
                trail.record(Trails.event(i));
                assertThat(trail.status().bytes()).isLessThanOrEqualTo(max);
            }
            AuditStatus status = trail.status();
            assertThat(status.segmentsDropped()).isPositive();
            assertThat(status.firstSegment()).isGreaterThan(1);
            assertThat(status.nearFull()).isTrue();

            Verification result = trail.verify();
            assertThat(result.intact()).isTrue();
            assertThat(result.notes()).anyMatch(n -> n.contains("dropped by the size bound"));
            assertThat(trail.query(AuditQuery.latest(100).withAction("AUDIT_SEGMENT_DROPPED"))).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.event().detail()).contains("nextAnchor="));
        }
        // someone deleting the oldest retained segment is not a recorded drop: reported
        long first = Segments.list(dir).firstKey();
        Files.delete(Segments.path(dir, first));
        assertThat(ChainVerifier.verify(dir).brokenLink().reason())
                .isEqualTo("segments before " + (first + 1) + " are missing and no AUDIT_SEGMENT_DROPPED record "
                        + "accounts for segment " + first);
    }

    @Test
    void nearFullIsWarnedOnceAsARecordAndAStatusFlag() throws IOException {
        try (FileAuditTrail trail = Trails.open(Trails.small(dir, 4096, 10 * 4096))) {
            int i = 0;
            while (!trail.status().nearFull()) {
                assertThat(trail.status().percentUsed()).isLessThan(80);
                trail.record(Trails.event(i++));
            }
            assertThat(trail.status().percentUsed()).isGreaterThanOrEqualTo(80);
            List<AuditRecord> warnings = trail.query(AuditQuery.latest(10).withAction("AUDIT_NEAR_FULL"));
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).event().outcome()).isEqualTo(Outcome.WARNING);
            assertThat(warnings.get(0).event().detail()).contains("warning at 80%");
            long warnedAt = warnings.get(0).sequence();

            for (int more = 0; more < 150; more++) { // past full: segments are dropped, the flag stays
                trail.record(Trails.event(i++));
            }
            assertThat(trail.status().nearFull()).isTrue();
            assertThat(trail.status().segmentsDropped()).isPositive();
            assertThat(trail.query(AuditQuery.latest(10).withAction("AUDIT_NEAR_FULL")))
                    .noneMatch(r -> r.sequence() > warnedAt);
        }
    }

    @Test
    void queriesSelectByTimeActionActorWithALimit() throws IOException {
        try (FileAuditTrail trail = Trails.open(Trails.settings(dir))) {
            Trails.fill(trail, 30);
            trail.record(new AuditEvent(Trails.T0.plusSeconds(100), "user:bob", "DEVICE_REVOKED", "ble:AA:BB",
                    Outcome.SUCCESS, ""));

            assertThat(trail.query(AuditQuery.latest(100).withActor("user:bob"))).extracting(AuditRecord::action)
                    .containsExactly("DEVICE_REVOKED");
            assertThat(trail.query(AuditQuery.latest(100).withAction("DEVICE_APPROVED"))).hasSize(15);
            assertThat(trail.query(AuditQuery.latest(3))).extracting(AuditRecord::sequence).containsExactly(31L, 30L, 29L);
            AuditQuery window = new AuditQuery(Trails.T0.plusSeconds(10), Trails.T0.plusSeconds(20), "", "", 4, false);
            assertThat(trail.query(window)).extracting(AuditRecord::sequence).containsExactly(11L, 12L, 13L, 14L);
            assertThat(trail.query(window.withAction("CONFIG_CHANGED"))).extracting(AuditRecord::sequence)
                    .containsExactly(11L, 13L, 15L, 17L);
        }
    }

    @Test
    void anIncompleteLastLineIsQuarantinedAndRecordedWhenReopened() throws IOException {
        try (FileAuditTrail trail = Trails.open(Trails.settings(dir))) {
            Trails.fill(trail, 3);
        }
        long size = Files.size(Segments.path(dir, 1));
        Files.writeString(Segments.path(dir, 1), "4\t2026-03-01T1", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);

        try (FileAuditTrail trail = Trails.open(Trails.settings(dir))) {
            assertThat(trail.status().tornWritesRecovered()).isEqualTo(1);
            AuditRecord torn = trail.query(AuditQuery.latest(1)).get(0);
            assertThat(torn.action()).isEqualTo("AUDIT_TORN_WRITE");
            assertThat(torn.sequence()).isEqualTo(4);
            assertThat(torn.event().detail()).contains("incomplete last line of 14 bytes at offset " + size)
                    .contains("segment-00000001.log.torn-" + size);
            assertThat(Files.readString(dir.resolve("segment-00000001.log.torn-" + size))).isEqualTo("4\t2026-03-01T1");
            Verification result = trail.verify();
            assertThat(result.intact()).isTrue();
            assertThat(result.notes()).anyMatch(n -> n.contains("quarantined incomplete write"));
        }
    }
}
