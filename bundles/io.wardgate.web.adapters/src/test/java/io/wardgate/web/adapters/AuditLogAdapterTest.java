package io.wardgate.web.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.audit.AuditSettings;
import io.wardgate.audit.FileAuditTrail;
import io.wardgate.audit.api.AuditQuery;
import io.wardgate.web.port.AuditRecord;
import io.wardgate.web.port.ChainCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web UI's AuditLog over the real file audit trail in a temp directory. */
class AuditLogAdapterTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;
    FileAuditTrail trail;

    @BeforeEach
    void open() throws IOException {
        trail = FileAuditTrail.open(new AuditSettings(dir, 1 << 20, 64 * 1024, 80, "wg-test-1", "st-marys/icu-3"),
                Clock.systemUTC(), new SecureRandom());
    }

    @AfterEach
    void close() throws IOException {
        trail.close();
    }

    /** Events 0..count-1, one a second from T0; every tenth is alice approving a monitor. */
    private void fill(int count) {
        for (int i = 0; i < count; i++) {
            trail.record(i % 10 == 0
                    ? new AuditEvent(T0.plusSeconds(i), "user:alice", "DEVICE_APPROVED", "serial:/dev/ttyUSB" + i,
                            Outcome.SUCCESS, "group icu-monitors")
                    : new AuditEvent(T0.plusSeconds(i), "system", "CONFIG_CHANGED", "io.wardgate.policy.Allowlist",
                            Outcome.SUCCESS, "event number " + i));
        }
    }

    @Test
    void recordsKeepTheirSequenceEventAndHash() {
        fill(3);
        io.wardgate.audit.api.AuditRecord newest = trail.query(AuditQuery.latest(1)).get(0);

        List<AuditRecord> found = new AuditLogAdapter(trail).search("", null, null, 1);

        assertThat(found).containsExactly(new AuditRecord(newest.sequence(), newest.event(), newest.hash()));
        assertThat(found.get(0).event().detail()).isEqualTo("event number 2");
    }

    @Test
    void textMatchesActorActionTargetOrDetailIgnoringCaseNewestFirst() {
        fill(40);
        AuditLogAdapter log = new AuditLogAdapter(trail);

        assertThat(log.search("ALICE", null, null, 100)).extracting(r -> r.event().target())
                .containsExactly("serial:/dev/ttyUSB30", "serial:/dev/ttyUSB20", "serial:/dev/ttyUSB10",
                        "serial:/dev/ttyUSB0");
        assertThat(log.search("device_approved", null, null, 100)).hasSize(4);
        assertThat(log.search("ttyUSB2", null, null, 100)).extracting(r -> r.event().target())
                .containsExactly("serial:/dev/ttyUSB20");
        assertThat(log.search("number 17", null, null, 100)).singleElement()
                .satisfies(r -> assertThat(r.event().at()).isEqualTo(T0.plusSeconds(17)));
        assertThat(log.search("nobody", null, null, 100)).isEmpty();
    }

    @Test
    void timeWindowIsFromInclusiveToExclusiveAndLimitHolds() {
        fill(40);
        AuditLogAdapter log = new AuditLogAdapter(trail);

        assertThat(log.search("", T0.plusSeconds(10), T0.plusSeconds(20), 100)).extracting(r -> r.event().at())
                .hasSize(10).startsWith(T0.plusSeconds(19)).endsWith(T0.plusSeconds(10));
        assertThat(log.search("alice", T0.plusSeconds(10), T0.plusSeconds(30), 100)).extracting(r -> r.event().at())
                .containsExactly(T0.plusSeconds(20), T0.plusSeconds(10));
        assertThat(log.search("alice", null, null, 2)).extracting(r -> r.event().at())
                .containsExactly(T0.plusSeconds(30), T0.plusSeconds(20));
        assertThat(log.search("", null, null, 5)).hasSize(5);
        assertThat(log.search("", T0.plusSeconds(5), T0.plusSeconds(5), 5)).isEmpty();
    }

    @Test
    void aTextSearchPagesBackThroughMoreRecordsThanOnePageEvenWhenTimesRepeat() {
        for (int i = 0; i < 50; i++) { // five records share each second: pages end inside a second
            trail.record(new AuditEvent(T0.plusSeconds(i / 5), i == 3 ? "user:zoe" : "system", "CONFIG_CHANGED",
                    "pid", Outcome.SUCCESS, "change " + i));
        }
        AuditLogAdapter log = new AuditLogAdapter(trail, 7);

        assertThat(log.search("zoe", null, null, 10)).singleElement()
                .satisfies(r -> assertThat(r.event().detail()).isEqualTo("change 3"));
        List<AuditRecord> all = log.search("change", null, null, 100);
        assertThat(all).hasSize(50);
        assertThat(all).extracting(AuditRecord::sequence).doesNotHaveDuplicates()
                .isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void anIntactChainIsReportedWithItsRecordCount() {
        fill(25);

        ChainCheck check = new AuditLogAdapter(trail).verifyChain();

        assertThat(check.intact()).isTrue();
        assertThat(check.firstBroken()).isEqualTo(-1);
        assertThat(check.records()).isEqualTo(trail.verify().records()).isGreaterThanOrEqualTo(25);
        assertThat(check.detail()).startsWith("intact: " + check.records() + " records");
    }

    @Test
    void anAlteredRecordIsReportedWithItsSequenceAndPlace() throws IOException {
        fill(25);
        io.wardgate.audit.api.AuditRecord victim = trail.query(AuditQuery.latest(AuditQuery.MAX_LIMIT)).stream()
                .filter(r -> r.event().detail().equals("event number 12")).findFirst().orElseThrow();
        Path segment = dir.resolve(String.format("segment-%08d.log", victim.segment()));
        String text = Files.readString(segment, StandardCharsets.US_ASCII);
        assertThat(text).contains("event number 12");
        Files.writeString(segment, text.replace("event number 12", "event number 99"), StandardCharsets.US_ASCII);

        ChainCheck check = new AuditLogAdapter(trail).verifyChain();

        assertThat(check.intact()).isFalse();
        assertThat(check.firstBroken()).isEqualTo(victim.sequence());
        assertThat(check.records()).isEqualTo(victim.sequence() - 1);
        assertThat(check.detail()).contains("segment " + victim.segment() + " record " + victim.index(), "altered");
    }
}
