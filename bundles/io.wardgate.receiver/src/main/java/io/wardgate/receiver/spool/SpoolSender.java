package io.wardgate.receiver.spool;

import io.wardgate.shared.retry.Backoff;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains a {@link Spool} in order on one thread of its own: the oldest message is delivered, and
 * removed only once the destination confirmed it. Unreachable or busy: the same message again after
 * a delay doubling from {@code firstRetry} up to {@code maxRetry}. Refused for its content, or
 * asked to retry more than {@code maxRetries} times in a row: moved aside (Spool.reject), the queue
 * goes on. Message content is never logged (it is clinical data).
 */
public final class SpoolSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolSender.class);

    /**
     * @param firstRetry delay before the first retry
     * @param maxRetry the longest delay between retries
     * @param maxRetries answers "retry" in a row after which a message is set aside; transport
     *        failures (no answer) never set a message aside
     */
    public record Settings(Duration firstRetry, Duration maxRetry, int maxRetries) {
        public Settings {
            Objects.requireNonNull(firstRetry, "firstRetry");
            Objects.requireNonNull(maxRetry, "maxRetry");
            if (firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0 || maxRetries < 1) {
                throw new IllegalArgumentException("retry delays must be positive, max >= first, maxRetries >= 1");
            }
        }
    }

    private final Spool spool;
    private final Delivery delivery;
    private final Settings settings;
    private final String name;
    private final ScheduledExecutorService executor;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private boolean scheduled;
    private final Backoff.Sequence retries;
    private int retriesInARow;

    public SpoolSender(String name, Spool spool, Delivery delivery, Settings settings) {
        this.name = Objects.requireNonNull(name, "name");
        this.spool = Objects.requireNonNull(spool, "spool");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.retries = new Backoff(settings.firstRetry(), settings.maxRetry()).sequenceWithoutJitter();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "wardgate-" + name + "-sender");
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(this::drain);
    }

    /** Adds a message durably and wakes the sender. */
    public long submit(byte[] message) throws IOException {
        long sequence = spool.append(message);
        nudge();
        return sequence;
    }

    /** Wakes the sender unless a retry is already due later. */
    public synchronized void nudge() {
        if (!scheduled && !executor.isShutdown()) {
            scheduled = true;
            executor.execute(this::drain);
        }
    }

    /** Waits until the queue is empty or the timeout passed; true when empty. */
    public synchronized boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (spool.size() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        return true;
    }

    public long delivered() {
        return delivered.get();
    }

    public long attempts() {
        return attempts.get();
    }

    public Spool spool() {
        return spool;
    }

    private void drain() {
        synchronized (this) {
            scheduled = false;
        }
        try {
            Optional<Spool.Entry> next;
            while ((next = spool.oldest()).isPresent()) {
                Spool.Entry entry = next.get();
                if (!attempt(entry)) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: spool {} unreadable: {}", name, spool.directory(), e.toString());
            retryLater(retries.next());
        }
    }

    /** @return true to go on with the next message, false when a retry was scheduled */
    private boolean attempt(Spool.Entry entry) throws IOException {
        Delivery.Outcome outcome;
        attempts.incrementAndGet();
        try {
            outcome = delivery.deliver(entry.message());
        } catch (IOException | RuntimeException e) {
            Duration wait = retries.next();
            LOG.info("{}: message {} not delivered ({}); retrying in {}", name, entry.sequence(), e.toString(), wait);
            retryLater(wait);
            return false;
        }
        if (outcome instanceof Delivery.Delivered) {
            spool.remove(entry.sequence());
            delivered.incrementAndGet();
            synchronized (this) {
                notifyAll();
            }
            retries.reset();
            retriesInARow = 0;
            return true;
        }
        if (outcome instanceof Delivery.Retry retry && ++retriesInARow <= settings.maxRetries()) {
            Duration wait = retries.next();
            LOG.info("{}: message {} deferred by the destination ({}); retrying in {}", name, entry.sequence(),
                    retry.reason(), wait);
            retryLater(wait);
            return false;
        }
        String reason = outcome instanceof Delivery.Refused refused ? refused.reason()
                : "still deferred after " + settings.maxRetries() + " retries: " + ((Delivery.Retry) outcome).reason();
        LOG.warn("{}: message {} set aside in {}/rejected: {}", name, entry.sequence(), spool.directory(), reason);
        spool.reject(entry.sequence(), reason);
        synchronized (this) {
            notifyAll();
        }
        retriesInARow = 0;
        retries.reset();
        return true;
    }

    private void retryLater(Duration wait) {
        synchronized (this) {
            if (executor.isShutdown()) {
                return;
            }
            scheduled = true;
            executor.schedule(this::drain, wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops sending; what is queued stays on disk for the next start. */
    @Override
    public void close() {
        synchronized (this) {
            executor.shutdownNow();
        }
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
