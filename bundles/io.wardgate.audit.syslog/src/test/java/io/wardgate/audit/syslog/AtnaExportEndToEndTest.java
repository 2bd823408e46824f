package io.wardgate.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.audit.AuditSettings;
import io.wardgate.audit.FileAuditTrail;
import io.wardgate.audit.api.AuditQuery;
import io.wardgate.audit.api.AuditRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * S18: the export against a real TLS listener (SSLServerSocket, client certificate required) with a real
 * audit trail: records arrive framed and parseable; a collector stopped and restarted on the same port gets
 * every record (duplicates allowed and counted, none missing); a wrong certificate or name is refused with
 * nothing sent; a restarted gateway goes on from its cursor.
 */
class AtnaExportEndToEndTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private ExportFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new ExportFixture(dir);
    }

    @AfterEach
    void tearDown() throws IOException {
        fixture.close();
    }

    @Test
    void recordsAppendedWhileTheCollectorRunsArriveFramedAndParseable() {
        try (TlsCollector collector = fixture.collector(0);
                ExportEngine engine = fixture.engine(fixture.settings(collector.port()))) {
            fixture.append(20);

            await().atMost(DEADLINE).until(() -> engine.status().confirmedSequence() == 20);

            assertThat(fixture.received.sequences()).containsExactlyElementsOf(range(1, 20));
            List<AuditRecord> records = fixture.trail.readAfter(0, 100);
            for (ParsedSyslog message : fixture.received.messages()) {
                AuditRecord record = records.get((int) message.sequence() - 1);
                assertThat(message.pri()).isEqualTo(85);
                assertThat(message.msgId()).isEqualTo("IHE+RFC-3881");
                assertThat(message.hostname()).isEqualTo(ExportFixture.GATEWAY);
                assertThat(message.params()).containsEntry("hash", record.hash())
                        .containsEntry("prev", record.previousHash()).containsEntry("complete", "true");
                Element audit = message.auditMessage();
                assertThat(ParsedSyslog.child(audit, "ParticipantObjectIdentification")
                        .getAttribute("ParticipantObjectID")).isEqualTo(record.event().target());
                assertThat(ParsedSyslog.child(audit, "EventOutcomeDescription").getTextContent())
                        .isEqualTo(record.event().detail());
                assertThat(HashRecomputation.hashOf(message)).isEqualTo(record.hash());
            }
            assertThat(fixture.received.errors()).isEmpty();
            assertThat(engine.status().behind()).isZero();
            assertThat(engine.status().alarm()).isEmpty();
        }
    }

    @Test
    void theCollectorStoppedAndRestartedReceivesEveryRecord() throws Exception {
        ExportSettings settings;
        int port;
        TlsCollector collector = fixture.collector(0);
        port = collector.port();
        settings = fixture.settings(port).withSessionRecords(25);
        try (ExportEngine engine = fixture.engine(settings)) {
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 60; i++) {
                    fixture.append(5);
                    sleepQuietly(20);
                }
            });
            writer.start();
            for (int outage = 0; outage < 3; outage++) {
                long before = fixture.received.messages().size();
                await().atMost(DEADLINE).until(() -> fixture.received.messages().size() > before);
                collector.stop(); // mid-stream: whatever was in flight is dropped unread
                await().atMost(DEADLINE).until(() -> !engine.status().lastError().isEmpty());
                fixture.append(10); // written while the collector is away
                collector = fixture.collector(port);
            }
            writer.join();

            long last = fixture.lastSequence();
            TlsCollector running = collector;
            // On a timeout the description says what is missing and where the exporter stands.
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(engine.status().confirmedSequence() >= last
                    && fixture.received.sequences().containsAll(range(1, last)))
                    .as(() -> engine.status() + ", missing " + range(1, last).stream()
                            .filter(x -> !fixture.received.sequences().contains(x)).toList() + ", collector errors "
                            + fixture.received.errors())
                    .isTrue());
            running.stop();

            assertThat(fixture.received.sequences()).containsAll(range(1, last));
            Map<Long, Integer> counts = fixture.received.counts();
            // At least once: every duplicate the collector saw is a message the exporter sent again.
            assertThat(fixture.received.duplicates()).isLessThanOrEqualTo(engine.status().resentMessages());
            assertThat(counts.values()).allMatch(n -> n >= 1);
            // The exporter's own failures are audited (and exported), but not at every retry.
            List<AuditRecord> failures = fixture.trail.query(AuditQuery.latest(100).withAction(SelfAudit.FAILED));
            assertThat(failures).hasSizeBetween(1, 3);
            assertThat(fixture.trail.query(AuditQuery.latest(100).withAction(SelfAudit.RESTORED))).isNotEmpty();
        } finally {
            collector.stop();
        }
    }

    @Test
    void aCollectorWithACertificateFromAnotherCaIsRefusedAndNothingIsSent() throws Exception {
        try (TlsCollector collector = TlsCollector.start(fixture.foreignCollectorContext(), 0, fixture.received);
                ExportEngine engine = fixture.engine(fixture.settings(collector.port()))) {
            fixture.append(3);

            await().atMost(DEADLINE).until(() -> engine.status().lastError().startsWith("TLS"));
            await().atMost(DEADLINE).until(() -> collector.accepted() >= 3); // it keeps trying, with backoff

            assertThat(fixture.received.messages()).isEmpty();
            assertThat(engine.status().confirmedSequence()).isZero();
            assertThat(engine.status().behind()).isGreaterThanOrEqualTo(3);
            List<AuditRecord> refusals = fixture.trail.query(AuditQuery.latest(10).withAction(SelfAudit.TLS_REJECTED));
            assertThat(refusals).hasSize(1); // once, not at every retry
            assertThat(refusals.get(0).event().detail()).contains("TLS");
        }
    }

    @Test
    void aCollectorWhoseCertificateNamesAnotherHostIsRefusedAndNothingIsSent() {
        try (TlsCollector collector = fixture.collector(0);
                ExportEngine engine = fixture.engine(ExportSettings.of("127.0.0.1", collector.port(),
                        "audit.hospital.example", fixture.trustAnchors, dir.resolve("export/cursor")))) {
            fixture.append(3);

            await().atMost(DEADLINE).until(() -> collector.accepted() >= 2);
            await().atMost(DEADLINE).until(() -> engine.status().lastError().startsWith("TLS"));

            assertThat(fixture.received.messages()).isEmpty();
            assertThat(engine.status().confirmedSequence()).isZero();
            assertThat(fixture.trail.query(AuditQuery.latest(10).withAction(SelfAudit.TLS_REJECTED))).hasSize(1);
        }
    }

    @Test
    void withoutTheGatewayCertificateTheCollectorRefusesAndNothingIsConfirmed() {
        ExportSettings base;
        try (TlsCollector collector = fixture.collector(0)) {
            base = fixture.settings(collector.port());
            ExportSettings noClientCertificate = new ExportSettings(base.host(), base.port(), base.expectedName(),
                    base.trustAnchors(), base.revocation(), base.allowTls12(), false, base.format(), base.batchRecords(),
                    base.sessionRecords(), base.poll(), base.timeout(), base.backoffMin(), base.backoffMax(),
                    base.alarmBehindRecords(), base.alarmAfter(), base.cursor());
            try (ExportEngine engine = fixture.engine(noClientCertificate)) {
                fixture.append(3);

                await().atMost(DEADLINE).until(() -> collector.accepted() >= 3 && !engine.status().lastError().isEmpty());

                assertThat(fixture.received.messages()).isEmpty();
                assertThat(engine.status().confirmedSequence()).isZero();
            }
        }
    }

    @Test
    void aRestartedGatewayGoesOnFromItsCursorWithoutLossOrRepeats() {
        try (TlsCollector collector = fixture.collector(0)) {
            ExportSettings settings = fixture.settings(collector.port());
            try (ExportEngine first = fixture.engine(settings)) {
                fixture.append(10);
                await().atMost(DEADLINE).until(() -> first.status().confirmedSequence() == 10);
            }
            fixture.append(10); // while no exporter runs (the gateway is restarting)
            try (ExportEngine second = fixture.engine(settings)) {
                await().atMost(DEADLINE).until(() -> second.status().confirmedSequence() == 20);
                assertThat(second.status().resentMessages()).isZero();
            }
            assertThat(fixture.received.sequences()).containsExactlyElementsOf(range(1, 20));
            assertThat(fixture.received.duplicates()).isZero(); // confirmed records are not sent twice
        }
    }

    @Test
    void aCursorFromAnotherTrailIsResetAndEveryRetainedRecordIsSent() throws IOException {
        try (TlsCollector collector = fixture.collector(0)) {
            ExportSettings settings = fixture.settings(collector.port());
            try (ExportEngine first = fixture.engine(settings)) {
                fixture.append(10);
                await().atMost(DEADLINE).until(() -> first.status().confirmedSequence() == 10);
            }
            // A factory reset: a new, shorter trail under the same cursor.
            try (FileAuditTrail fresh = FileAuditTrail.open(new AuditSettings(dir.resolve("audit-new"), 1 << 20,
                    64 * 1024, 80, ExportFixture.GATEWAY, "st-marys/icu-3"), Clock.systemUTC(), new SecureRandom());
                    ExportEngine second = new ExportEngine(settings, fresh, () -> fresh, () -> fixture.identity,
                            Clock.systemUTC(), new SecureRandom()).start()) {
                await().atMost(DEADLINE).until(() -> second.status().confirmedSequence() == fresh.status()
                        .lastSequence() && second.status().lastSequence() >= 1);
                AuditRecord reset = fresh.readAfter(0, 1).get(0);
                assertThat(reset.action()).isEqualTo(SelfAudit.CURSOR_RESET);
                assertThat(fixture.received.messages()).anyMatch(m -> m.params().get("hash").equals(reset.hash()));
            }
        }
    }

    @Test
    void aTls12OnlyCollectorIsRefusedUnlessAllowedAndThenSessionsAreConfirmed() throws IOException {
        try (TlsCollector collector = TlsCollector.start(fixture.collectorContext(), 0, fixture.received,
                new String[] {"TLSv1.2"})) {
            ExportSettings tls13 = fixture.settings(collector.port());
            try (ExportEngine engine = fixture.engine(tls13)) {
                fixture.append(3);
                await().atMost(DEADLINE).until(() -> engine.status().lastError().startsWith("TLS"));
                assertThat(fixture.received.messages()).isEmpty();
            }
            ExportSettings tls12 = new ExportSettings(tls13.host(), tls13.port(), tls13.expectedName(),
                    tls13.trustAnchors(), tls13.revocation(), true, true, tls13.format(), tls13.batchRecords(),
                    tls13.sessionRecords(), tls13.poll(), tls13.timeout(), tls13.backoffMin(), tls13.backoffMax(),
                    tls13.alarmBehindRecords(), tls13.alarmAfter(), tls13.cursor());
            try (ExportEngine engine = fixture.engine(tls12)) {
                await().atMost(DEADLINE).until(() -> engine.status().confirmedSequence() == fixture.lastSequence());
                assertThat(fixture.received.sequences()).containsAll(range(1, fixture.lastSequence()));
            }
        }
    }

    @Test
    void anAlarmShowsWhenTheExportFallsBehind() {
        try (TlsCollector collector = fixture.collector(0)) {
            int port = collector.port();
            collector.stop();
            try (ExportEngine engine = fixture.engine(fixture.settings(port).withAlarms(5, Duration.ofDays(1)))) {
                fixture.append(8);
                await().atMost(DEADLINE).until(() -> !engine.status().alarm().isEmpty());
                assertThat(engine.status().alarm()).contains("not yet confirmed");
                // What remote management's status reply shows (section "atna").
                AtnaExportStatusSection section = new AtnaExportStatusSection(engine::status);
                assertThat(section.alarms()).singleElement().asString().contains("not yet confirmed");
                assertThat((Long) section.status().get("behind")).isGreaterThanOrEqualTo(5L);

                try (TlsCollector back = fixture.collector(port)) {
                    await().atMost(DEADLINE).until(() -> engine.status().behind() == 0);
                    assertThat(engine.status().alarm()).isEmpty();
                    assertThat(section.alarms()).isEmpty();
                }
            }
        }
    }

    static Set<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis); // pacing a writer thread, not waiting for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
