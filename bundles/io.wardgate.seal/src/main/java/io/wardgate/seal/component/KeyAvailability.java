package io.wardgate.seal.component;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.seal.identity.IdentityStore;
import io.wardgate.seal.keystore.KeyLocation;
import io.wardgate.seal.keystore.KeyStorageUnavailableException;
import io.wardgate.seal.keystore.TokenPinRefusedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity store while its keys may be unavailable: a token that is absent, gone, or refuses its PIN.
 * Nothing is lost meanwhile: callers get {@link KeyStorageUnavailableException} and try later (the sealer
 * keeps its batches). The store is reopened at most every 30 s; after a refused PIN only once the PIN file
 * changed, since tokens and TPMs lock after a few refusals. Going down and coming back are audited once each.
 */
final class KeyAvailability {
    static final Duration RETRY = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(KeyAvailability.class);

    /** Opens the store; IOException when its key storage cannot be opened. */
    interface Opener {
        IdentityStore open() throws IOException;
    }

    private final Opener opener;
    private final KeyLocation location;
    private final Clock clock;
    private final Consumer<AuditEvent> audit;
    private IdentityStore store;
    private String reason = "";
    private Instant nextAttempt = Instant.MIN;
    private Optional<FileTime> refusedPinFile = Optional.empty();
    /** Whether an open was tried (or is under way, holding this monitor); until then ifOpen() opens. */
    private boolean tried;
    private boolean closed;

    KeyAvailability(Opener opener, KeyLocation location, Clock clock, Consumer<AuditEvent> audit) {
        this.opener = opener;
        this.location = location;
        this.clock = clock;
        this.audit = audit;
    }

    /** The open store, reopening it when due; else KeyStorageUnavailableException saying why. */
    synchronized IdentityStore current() {
        if (store != null) {
            return store;
        }
        if (closed) {
            throw new KeyStorageUnavailableException("the gateway's keys are closed (the identity was deactivated)", null);
        }
        tried = true;
        if (clock.instant().isBefore(nextAttempt) || (refusedPinFile.isPresent()
                && refusedPinFile.equals(modified()))) {
            throw new KeyStorageUnavailableException("the gateway's keys are unavailable: " + reason, null);
        }
        try {
            store = opener.open();
            if (!reason.isEmpty()) {
                LOG.info("The gateway's keys are available again ({})", location.describe());
                record(AuditEvent.Outcome.SUCCESS, "keys available again: " + location.describe());
            }
            reason = "";
            refusedPinFile = Optional.empty();
            return store;
        } catch (TokenPinRefusedException e) {
            refusedPinFile = modified();
            throw down(e);
        } catch (IOException | KeyStorageUnavailableException e) {
            throw down(e);
        }
    }

    /**
     * Opens the store on a thread of {@code opening} (the framework's start goes on meanwhile): a PKCS#12
     * file's three PBKDF2 derivations (MAC, certificates, key) cost a cold start about 0.1 s of CPU, which
     * no longer holds up the components activated after the identity. Callers of {@link #current()} and
     * {@link #ifOpen()} wait for that open (or open the store themselves if they come before it).
     */
    void openAhead(Executor opening, Runnable opened) {
        opening.execute(() -> {
            try {
                current();
                opened.run();
            } catch (KeyStorageUnavailableException e) {
                // Said and audited by down(); callers get the reason and the store is tried again later.
            }
        });
    }

    /** The store if it is open now, without trying to reopen it (but waiting for the first open). */
    synchronized Optional<IdentityStore> ifOpen() {
        if (!tried) {
            try {
                current();
            } catch (KeyStorageUnavailableException e) {
                // Said and audited; no store.
            }
        }
        return Optional.ofNullable(store);
    }

    /** {@code which} failed while in use (the token went away): close it, and reopen later. */
    synchronized void lost(IdentityStore which, KeyStorageUnavailableException e) {
        if (store == which && store != null) {
            store.close();
            store = null;
            down(e);
        }
    }

    synchronized void close() {
        closed = true;
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private KeyStorageUnavailableException down(Exception e) {
        boolean first = reason.isEmpty();
        reason = String.valueOf(e.getMessage());
        nextAttempt = clock.instant().plus(RETRY);
        if (first) {
            LOG.error("The gateway's keys are unavailable; readings wait to be sealed: {}", reason);
            record(AuditEvent.Outcome.FAILURE, reason);
        }
        return new KeyStorageUnavailableException("the gateway's keys are unavailable: " + reason, e);
    }

    private Optional<FileTime> modified() {
        try {
            return location.pinFile() == null ? Optional.empty()
                    : Optional.of(Files.getLastModifiedTime(location.pinFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void record(AuditEvent.Outcome outcome, String detail) {
        String printable = detail.replaceAll("[^\\x20-\\x7E]", "?");
        audit.accept(new AuditEvent(clock.instant(), "system",
                outcome == AuditEvent.Outcome.SUCCESS ? "KEY_STORAGE_AVAILABLE" : "KEY_STORAGE_UNAVAILABLE",
                location.kind().name().toLowerCase(java.util.Locale.ROOT), outcome,
                printable.length() <= 1000 ? printable : printable.substring(0, 1000)));
    }
}
