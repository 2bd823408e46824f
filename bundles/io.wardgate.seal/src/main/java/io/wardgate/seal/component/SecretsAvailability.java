package io.wardgate.seal.component;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.secrets.SecretBox;
import io.wardgate.seal.keystore.KeyStorageUnavailableException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the secrets key, and while it cannot (the token absent at start, its PIN refused) tries again with
 * a backoff that doubles from {@code first} up to {@code cap}; no restart needed. When it opens, {@code up}
 * receives the box (the component then offers the service, and what depends on it starts). Going without
 * and coming back are audited once each (SECRETS_UNAVAILABLE, SECRETS_AVAILABLE), with the reason, never a
 * secret.
 */
final class SecretsAvailability implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SecretsAvailability.class);

    /** Opens the box; IOException or KeyStorageUnavailableException when the key storage is not there. */
    interface Opener {
        SecretBox open() throws IOException;
    }

    private final Opener opener;
    private final Consumer<SecretBox> up;
    private final Consumer<AuditEvent> audit;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Duration cap;
    private Duration next;
    private boolean wasDown;
    private boolean closed;

    SecretsAvailability(Opener opener, Consumer<SecretBox> up, Consumer<AuditEvent> audit, Clock clock,
            ScheduledExecutorService executor, Duration first, Duration cap) {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff must be positive and the cap at least the first wait");
        }
        this.opener = opener;
        this.up = up;
        this.audit = audit;
        this.clock = clock;
        this.executor = executor;
        this.next = first;
        this.cap = cap;
    }

    /** The first attempt, now, on the caller's thread: the usual start offers the service at once. */
    void start() {
        attempt();
    }

    private void attempt() {
        SecretBox box;
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                box = opener.open();
            } catch (IOException | KeyStorageUnavailableException e) {
                down(String.valueOf(e.getMessage()));
                return;
            }
            if (wasDown) {
                LOG.info("Configuration secrets available again: {}", box.keyLocation());
                record(AuditEvent.Outcome.SUCCESS, "SECRETS_AVAILABLE", box.keyLocation());
            }
        }
        up.accept(box);
    }

    private void down(String reason) {
        if (!wasDown) {
            wasDown = true;
            LOG.error("Configuration secrets unavailable (components with sealed passwords wait; new passwords are "
                    + "refused): {}", reason);
            record(AuditEvent.Outcome.FAILURE, "SECRETS_UNAVAILABLE", reason);
        }
        Duration wait = next;
        next = next.multipliedBy(2).compareTo(cap) > 0 ? cap : next.multipliedBy(2);
        try {
            executor.schedule(this::attempt, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: nothing more to try
        }
    }

    private void record(AuditEvent.Outcome outcome, String action, String detail) {
        String printable = detail.replaceAll("[^\\x20-\\x7E]", "?");
        audit.accept(new AuditEvent(clock.instant(), "system", action, "configuration secrets", outcome,
                printable.length() <= 1000 ? printable : printable.substring(0, 1000)));
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
