package io.wardgate.audit.syslog;

import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.pipeline.GatewayIdentity;
import io.wardgate.audit.api.AuditLog;
import io.wardgate.audit.api.AuditRecord;
import io.wardgate.audit.syslog.CursorFile.Cursor;
import io.wardgate.audit.syslog.api.AtnaExportStatus;
import io.wardgate.shared.retry.Backoff;
import io.wardgate.shared.tls.RevocationChecker;
import java.io.Closeable;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import javax.net.ssl.X509KeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the audit trail to the collector, at least once. One thread: read the records after the durable
 * cursor from the audit trail (the buffer while the collector is away is the trail itself, so memory stays
 * bounded by one read), open a TLS session, send up to {@code sessionRecords} records, close the session and
 * wait for the collector to close in turn; only then advance the cursor. A session that fails anywhere
 * leaves the cursor where it was, so its records are sent again (collectors drop duplicates by sequence).
 */
final class ExportEngine implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ExportEngine.class);

    private final ExportSettings settings;
    private final AuditLog log;
    private final Supplier<GatewayIdentity> identity;
    private final Clock clock;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final RevocationChecker revocation;
    private final String revocationProblem;
    private final CursorFile cursorFile;
    private final SyslogMessageWriter writer;
    private final SelfAudit selfAudit;
    private final Thread thread;
    private final ScheduledExecutorService watchdog;
    private final Object signal = new Object();
    private final Instant started;
    private volatile boolean running = true;
    private volatile SyslogConnection current;
    private volatile Cursor cursor = Cursor.ZERO;
    private volatile long sentMessages;
    private volatile long resentMessages;
    private volatile long dropped;
    private volatile Instant lastConfirmed;
    private volatile String lastError = "";
    /** The alarm last logged, so that only changes are logged. */
    private String loggedAlarm = "";
    private long highestSent;
    private long gapNotedAt = -1;

    ExportEngine(ExportSettings settings, AuditLog log, Supplier<AuditTrail> audit, Supplier<GatewayIdentity> identity,
            Clock clock, RandomGenerator random) {
        this.settings = settings;
        this.log = log;
        this.identity = identity;
        this.clock = clock;
        this.backoff = new Backoff(settings.backoffMin(), settings.backoffMax());
        this.random = random;
        RevocationChecker checker = null;
        String problem = "";
        try {
            checker = new RevocationChecker(settings.revocation(), clock);
        } catch (GeneralSecurityException | IOException e) {
            problem = "the configured CRL file is unreadable: " + e.getMessage();
        }
        this.revocation = checker;
        this.revocationProblem = problem;
        this.cursorFile = new CursorFile(settings.cursor());
        this.writer = new SyslogMessageWriter(settings.format());
        this.selfAudit = new SelfAudit(audit, clock, settings.collector());
        this.started = clock.instant();
        this.thread = new Thread(this::run, "wardgate-atna-export");
        this.thread.setDaemon(true);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wardgate-atna-export-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    ExportEngine start() {
        if (!settings.revocation().enabled()) {
            selfAudit.note(SelfAudit.REVOCATION_OFF,
                    "certificate revocation checking of the collector is switched off by configuration");
        }
        thread.start();
        return this;
    }

    AtnaExportStatus status() {
        long last = log.status().lastSequence();
        Cursor at = cursor;
        long behind = Math.max(0, last - at.sequence());
        return new AtnaExportStatus(settings.collector(), last, at.sequence(), behind, sentMessages, resentMessages,
                dropped, lastConfirmed, lastError, alarm(behind));
    }

    private String alarm(long behind) {
        List<String> alarms = new ArrayList<>();
        Instant since = lastConfirmed == null ? started : lastConfirmed;
        if (behind > settings.alarmBehindRecords()) {
            alarms.add(behind + " audit records not yet confirmed by the collector");
        } else if (behind > 0 && clock.instant().isAfter(since.plus(settings.alarmAfter()))) {
            alarms.add("audit records unconfirmed for more than " + settings.alarmAfter().toMinutes() + " min");
        }
        if (dropped > 0) {
            alarms.add(dropped + " audit records were dropped by the trail's size bound before export");
        }
        return String.join("; ", alarms);
    }

    private void run() {
        cursor = loadCursor();
        int failures = 0;
        while (running) {
            List<AuditRecord> batch;
            try {
                batch = log.readAfter(cursor.sequence(), Math.min(settings.batchRecords(), settings.sessionRecords()));
            } catch (RuntimeException e) {
                lastError = "audit trail unreadable: " + e.getMessage();
                LOG.error("Audit export cannot read the audit trail", e);
                await(backoff.delay(failures++, random));
                continue;
            }
            if (batch.isEmpty()) {
                watchAlarm();
                await(settings.poll());
                continue;
            }
            noteGap(cursor.sequence(), batch.get(0));
            failures = session(batch) ? 0 : failures + 1;
            watchAlarm();
            if (failures > 0 && running) {
                await(backoff.delay(failures - 1, random));
            }
        }
    }

    /** One session; true when the collector confirmed it and the cursor moved. */
    private boolean session(List<AuditRecord> first) {
        SyslogConnection connection;
        try {
            if (revocation == null) {
                throw new ExportException(revocationProblem, false);
            }
            connection = SyslogConnection.open(settings, keyManager(), revocation);
        } catch (ExportException e) {
            fail(e.getMessage(), e.tlsRejection());
            return false;
        }
        current = connection;
        AuditRecord last = null;
        int count = 0;
        try {
            for (List<AuditRecord> batch = first; running && !batch.isEmpty();) {
                List<byte[]> frames = new ArrayList<>(batch.size());
                for (AuditRecord record : batch) {
                    frames.add(OctetCounting.frame(writer.write(record, hostname(record))));
                }
                sendGuarded(connection, frames);
                count(batch);
                last = batch.get(batch.size() - 1);
                count += batch.size();
                if (count >= settings.sessionRecords()) {
                    break;
                }
                batch = log.readAfter(last.sequence(), Math.min(settings.batchRecords(),
                        settings.sessionRecords() - count));
                if (!batch.isEmpty()) {
                    noteGap(last.sequence(), batch.get(0));
                }
            }
        } catch (IOException | RuntimeException e) {
            connection.close();
            current = null;
            if (running) { // when stopping, the close above is ours: nothing to report
                fail("sending failed: " + e.getMessage(), false);
            }
            return false;
        }
        boolean confirmed = connection.closeConfirmed();
        current = null;
        LOG.debug("Audit export session: {} records up to {}, confirmed {}", count,
                last == null ? "-" : last.sequence(), confirmed);
        if (!confirmed) {
            if (!running) {
                return false;
            }
            fail("the collector did not confirm the end of the session; its records will be sent again", false);
            return false;
        }
        return last == null || advance(new Cursor(last.sequence(), last.hash()));
    }

    private boolean advance(Cursor next) {
        try {
            cursorFile.write(next);
        } catch (IOException e) {
            fail("cannot store the cursor " + cursorFile.path() + ": " + e.getMessage(), false);
            return false;
        }
        // The recovery record first: whoever sees the new cursor in the status also finds it in the trail.
        selfAudit.confirmed();
        cursor = next;
        lastConfirmed = clock.instant();
        lastError = "";
        return true;
    }

    private void sendGuarded(SyslogConnection connection, List<byte[]> frames) throws IOException {
        // A write has no timeout of its own: a collector that stops reading would block it forever.
        ScheduledFuture<?> guard = watchdog.schedule(connection::close, settings.timeout().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            connection.send(frames);
        } finally {
            guard.cancel(false);
        }
    }

    private void count(List<AuditRecord> batch) {
        for (AuditRecord record : batch) {
            sentMessages++;
            if (record.sequence() <= highestSent) {
                resentMessages++;
            } else {
                highestSent = record.sequence();
            }
        }
    }

    /** The gateway identity's id (what the collector authenticated), else the record's own. */
    private String hostname(AuditRecord record) {
        GatewayIdentity gateway = identity.get();
        return gateway == null ? record.gatewayId() : gateway.gatewayId();
    }

    private X509KeyManager keyManager() throws ExportException {
        if (!settings.clientCertificate()) {
            return null;
        }
        GatewayIdentity gateway = identity.get();
        if (gateway == null || gateway.certificateChain().isEmpty()) {
            throw new ExportException("the gateway has no client certificate yet (enrollment pending)", false);
        }
        return gateway.tlsKeyManager();
    }

    /** Records the audit trail dropped (size bound) before they were sent: said once per gap. */
    private void noteGap(long after, AuditRecord first) {
        long missing = first.sequence() - after - 1;
        if (missing > 0 && first.sequence() != gapNotedAt) {
            gapNotedAt = first.sequence();
            dropped += missing;
            selfAudit.note(SelfAudit.GAP, missing + " audit records after sequence " + after + " were dropped by "
                    + "the audit trail's size bound before they could be exported");
        }
    }

    /** The cursor from disk, reset (everything retained is sent again) when it cannot belong to this trail. */
    private Cursor loadCursor() {
        CursorFile.Read read;
        try {
            read = cursorFile.read();
        } catch (IOException e) {
            read = new CursorFile.Read(Cursor.ZERO, true);
        }
        Cursor stored = read.cursor();
        String why = read.damaged() ? "the cursor file is unreadable" : null;
        if (why == null && stored.sequence() > log.status().lastSequence()) {
            why = "the cursor is beyond the newest audit record (a new audit trail)";
        }
        if (why == null && stored.sequence() > 0) {
            List<AuditRecord> at = log.readAfter(stored.sequence() - 1, 1);
            if (!at.isEmpty() && at.get(0).sequence() == stored.sequence() && !at.get(0).hash().equals(stored.hash())) {
                why = "the record at the cursor has another hash (a replaced audit trail)";
            }
        }
        if (why != null) {
            selfAudit.note(SelfAudit.CURSOR_RESET, why + "; every retained record is sent again");
            return Cursor.ZERO;
        }
        return stored;
    }

    private void fail(String reason, boolean tlsRejection) {
        lastError = reason;
        selfAudit.failed(reason, tlsRejection);
    }

    private void watchAlarm() {
        String now = status().alarm();
        if (!now.equals(loggedAlarm)) {
            if (now.isEmpty()) {
                LOG.info("Audit export alarm cleared");
            } else {
                LOG.warn("Audit export alarm: {}", now);
            }
            loggedAlarm = now;
        }
    }

    private void await(Duration duration) {
        synchronized (signal) {
            if (!running) {
                return;
            }
            try {
                signal.wait(Math.max(1, duration.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (signal) {
            signal.notifyAll();
        }
        SyslogConnection connection = current;
        if (connection != null) {
            connection.close();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog.shutdownNow();
    }
}
