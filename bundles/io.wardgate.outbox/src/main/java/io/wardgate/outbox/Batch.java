package io.wardgate.outbox;

import io.wardgate.api.pipeline.EnvelopeTags;
import io.wardgate.api.pipeline.Precedence;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.api.pipeline.StoreOutcome;
import io.wardgate.outbox.SqliteStore.Removed;
import io.wardgate.outbox.SqliteStore.Tx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One group commit: deletes acknowledged envelopes, then stores each new envelope together with its
 * device's sequence counter, applying the capacity policy. Runs inside one transaction; nothing it
 * decides counts until that transaction committed.
 */
final class Batch {
    private static final int FIRST_EVICTION_PAGE = 64;

    /** An envelope to store, with the precedence it is handed out and evicted by. */
    record Queued(SealedEnvelope envelope, Precedence precedence) {
    }

    /** What happened to one envelope of the batch. */
    record Result(StoreOutcome outcome, long id, String device, int size, String reason) {
    }

    /** What the transaction did. */
    record Outcome(List<Removed> acknowledged, List<Removed> evicted, List<Result> results) {
        long bytesDelta() {
            long delta = 0;
            for (Removed removed : acknowledged) {
                delta -= removed.size();
            }
            for (Removed removed : evicted) {
                delta -= removed.size();
            }
            for (Result result : results) {
                if (result.id() >= 0) {
                    delta += result.size();
                }
            }
            return delta;
        }

        long countDelta() {
            long stored = results.stream().filter(r -> r.id() >= 0).count();
            return stored - acknowledged.size() - evicted.size();
        }
    }

    private final OutboxSettings settings;

    Batch(OutboxSettings settings) {
        this.settings = settings;
    }

    /**
     * Applies acknowledgements and stores within {@code tx}.
     *
     * @param bytes the envelope bytes stored before this batch
     * @param forceEvictBytes when above 0 (the disk is full), evict at least this many bytes before storing
     */
    Outcome apply(Tx tx, List<Long> acks, List<Queued> envelopes, long bytes, long forceEvictBytes)
            throws SQLException {
        List<Removed> acknowledged = acks.isEmpty() ? List.of() : tx.delete(acks);
        long current = bytes;
        for (Removed removed : acknowledged) {
            current -= removed.size();
        }
        List<Removed> evicted = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        for (Queued queued : envelopes) {
            SealedEnvelope envelope = queued.envelope();
            EnvelopeTags tags = envelope.tags();
            int size = envelope.size();
            StoreOutcome outcome = StoreOutcome.STORED;
            if (size > settings.capacityBytes()) {
                results.add(refused(tags, size, "envelope larger than the whole capacity"));
                continue;
            }
            long needed = Math.max(current + size - settings.capacityBytes(), forceEvictBytes);
            if (needed > 0) {
                boolean refuseNew = settings.policy() == FullPolicy.REFUSE_NEW;
                if (refuseNew && queued.precedence() == Precedence.ROUTINE) {
                    results.add(refused(tags, size, forceEvictBytes > 0 ? "disk full, policy REFUSE_NEW"
                            : "capacity reached, policy REFUSE_NEW"));
                    continue;
                }
                // An alarm makes room even under REFUSE_NEW, but then only at the cost of readings.
                List<Removed> victims = victims(tx, queued.precedence(), refuseNew ? -1 : tags.priority(), needed);
                if (victims.isEmpty()) {
                    results.add(refused(tags, size, (forceEvictBytes > 0 ? "disk full" : "capacity reached")
                            + ", nothing of priority <= " + tags.priority() + " left to evict"));
                    continue;
                }
                for (Removed victim : tx.delete(victims.stream().map(Removed::id).toList())) {
                    evicted.add(victim);
                    current -= victim.size();
                }
                outcome = StoreOutcome.STORED_AFTER_EVICTION;
            }
            long id = tx.insert(envelope, queued.precedence());
            tx.raiseSequence(tags.deviceId(), tags.epoch(), tags.sequence());
            current += size;
            results.add(new Result(outcome, id, tags.deviceId(), size, ""));
        }
        return new Outcome(acknowledged, evicted, results);
    }

    /**
     * The oldest envelopes of the lowest precedence and priorities (alarms only for an alarm) that together free
     * {@code needed} bytes, or none if even all of them would not.
     */
    private static List<Removed> victims(Tx tx, Precedence precedence, int maxPriority, long needed)
            throws SQLException {
        for (int limit = FIRST_EVICTION_PAGE;; limit *= 4) {
            List<Removed> candidates = tx.evictionCandidates(precedence, maxPriority, limit);
            List<Removed> chosen = new ArrayList<>();
            long freed = 0;
            for (Removed candidate : candidates) {
                chosen.add(candidate);
                freed += candidate.size();
                if (freed >= needed) {
                    return chosen;
                }
            }
            if (candidates.size() < limit) {
                return List.of();
            }
        }
    }

    private static Result refused(EnvelopeTags tags, int size, String reason) {
        return new Result(StoreOutcome.REFUSED_FULL, -1, tags.deviceId(), size, reason);
    }
}
