package io.wardgate.api.pipeline;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Durable store-and-forward of sealed envelopes. An envelope stays until the broker acknowledged it.
 */
@ProviderType
public interface Outbox {

    /** Stores an envelope durably before returning, with its sequence number. */
    StoreOutcome store(SealedEnvelope envelope);

    /**
     * Stores an envelope with a precedence: {@link Precedence#ALARM} envelopes are handed out before
     * any other and evicted last. An outbox that predates precedence stores it like any other.
     */
    default StoreOutcome store(SealedEnvelope envelope, Precedence precedence) {
        return store(envelope);
    }

    /**
     * Stores an envelope without waiting: the stage completes once the envelope is durable (or refused), so a
     * caller can hand over the next envelopes while this one commits and the outbox commits them together
     * (one fsync). Envelopes handed over by one thread are committed in the order handed over. An outbox
     * that predates this stores at once, before returning.
     */
    default CompletionStage<StoreOutcome> storeAsync(SealedEnvelope envelope, Precedence precedence) {
        return CompletableFuture.completedFuture(store(envelope, precedence));
    }

    /**
     * Stores several envelopes without waiting, in one transaction where the outbox can (one fsync for a
     * sealer's whole pass); one stage per envelope, in the given order, each completing as
     * {@link #storeAsync} would. An outbox that predates this hands each to {@link #storeAsync} in turn.
     */
    default List<CompletionStage<StoreOutcome>> storeAllAsync(List<SealedEnvelope> envelopes, Precedence precedence) {
        List<CompletionStage<StoreOutcome>> answers = new java.util.ArrayList<>(envelopes.size());
        for (SealedEnvelope envelope : envelopes) {
            answers.add(storeAsync(envelope, precedence));
        }
        return answers;
    }

    /**
     * Up to {@code max} stored envelopes not yet handed out: {@link Precedence#ALARM} envelopes first
     * (oldest first), then within each device its live envelopes (see {@link #uplinkConnected()}) and then
     * its backlog, each oldest first, and fair across devices so that a backlog does not starve live data.
     */
    List<StoredEnvelope> next(int max);

    /**
     * Up to {@code max} {@link Precedence#ALARM} envelopes not yet handed out, oldest first, and nothing
     * else: an uplink whose in-flight window is full of readings keeps a few places for these, so an
     * alarm never waits for a backlog's acknowledgements. An outbox that predates this hands out none.
     */
    default List<StoredEnvelope> nextAlarms(int max) {
        return List.of();
    }

    /**
     * The uplink (re)connected: envelopes stored from now on are live and each device's go out ahead of
     * what it stored before (its backlog), which drains oldest first behind them, in order among itself. So
     * live data does not wait behind a backlog; a receiver sees the backlog's lower sequence numbers arrive
     * later, as backfill. An outbox that predates this keeps handing out oldest first.
     */
    default void uplinkConnected() {
    }

    /**
     * Asks to be told whenever envelopes were stored (so an uplink waits for that instead of polling). The
     * listener runs on the outbox's thread and must not block. False if this outbox cannot tell (then poll).
     */
    default boolean onStored(Runnable listener) {
        return false;
    }

    /** The broker acknowledged it: remove it for good. */
    void acknowledge(long storageId);

    /** It was handed out but not acknowledged (connection lost): hand it out again. */
    void release(long storageId);

    /** The highest sequence number ever stored for the device in the epoch, or -1. */
    long lastSequence(String deviceId, long epoch);

    OutboxStatus status();
}
