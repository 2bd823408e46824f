package io.wardgate.seal.sealer;

import io.wardgate.api.pipeline.Precedence;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.api.pipeline.StoreOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * TEST FIXTURE ONLY: an outbox whose commits the test makes happen. storeAsync() takes an envelope at once
 * (as the real outbox queues it for its writer) and answers only when the test calls {@link #commitAll()},
 * which stores everything taken so far in the order taken, like one group commit.
 */
final class GatedOutbox extends DelegatingOutbox {
    private record Taken(SealedEnvelope envelope, CompletableFuture<StoreOutcome> answer) {
    }

    private final InMemoryOutbox memory;
    private final List<Taken> uncommitted = new ArrayList<>();
    private final List<SealedEnvelope> handed = new ArrayList<>();
    private final List<Precedence> precedences = new ArrayList<>();

    GatedOutbox(InMemoryOutbox memory) {
        super(memory);
        this.memory = memory;
    }

    @Override
    public synchronized CompletionStage<StoreOutcome> storeAsync(SealedEnvelope envelope, Precedence precedence) {
        CompletableFuture<StoreOutcome> answer = new CompletableFuture<>();
        uncommitted.add(new Taken(envelope, answer));
        handed.add(envelope);
        precedences.add(precedence);
        return answer;
    }

    /** The precedence each envelope was handed over with, in the same order as {@link #handed()}. */
    synchronized List<Precedence> precedences() {
        return List.copyOf(precedences);
    }

    /** Every envelope handed over so far, committed or not, in the order handed over. */
    synchronized List<SealedEnvelope> handed() {
        return List.copyOf(handed);
    }

    /** Envelopes handed over and not yet committed. */
    synchronized int uncommitted() {
        return uncommitted.size();
    }

    /** Commits everything taken so far (one transaction) and answers the callers; returns how many. */
    int commitAll() {
        List<Taken> batch;
        synchronized (this) {
            batch = new ArrayList<>(uncommitted);
            uncommitted.clear();
        }
        batch.forEach(t -> memory.store(t.envelope()));
        batch.forEach(t -> t.answer().complete(StoreOutcome.STORED));
        return batch.size();
    }
}
