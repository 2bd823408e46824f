package io.wardgate.outbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The outbox's settings as checked values (the typed form of {@link OutboxConfiguration}).
 *
 * @param databaseFile the SQLite file
 * @param capacityBytes most envelope bytes kept
 * @param maxAge envelopes sealed longer ago are dropped
 * @param policy what happens when full
 * @param maxDatabaseBytes hard limit of the database file, 0 for none
 * @param sweepInterval how often age and alarms are checked
 */
public record OutboxSettings(Path databaseFile, long capacityBytes, Duration maxAge, FullPolicy policy,
        long maxDatabaseBytes, Duration sweepInterval) {
    public static final long MIN_CAPACITY = 1L << 20;
    public static final long MAX_CAPACITY = 1L << 40;

    public OutboxSettings {
        Objects.requireNonNull(databaseFile, "databaseFile");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        if (capacityBytes < MIN_CAPACITY || capacityBytes > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be 1 MiB to 1 TiB, not " + capacityBytes);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maximum age must be positive");
        }
        if (maxDatabaseBytes < 0) {
            throw new IllegalArgumentException("database size limit must be 0 (none) or positive");
        }
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("sweep interval must be positive");
        }
    }

    /** Defaults for everything but the file: 1 GiB, a week, drop oldest lowest priority, no file limit. */
    public static OutboxSettings defaults(Path databaseFile) {
        return new OutboxSettings(databaseFile, 1L << 30, Duration.ofDays(7), FullPolicy.DROP_OLDEST_LOWEST_PRIORITY,
                0, Duration.ofMinutes(1));
    }

    public OutboxSettings withCapacity(long bytes) {
        return new OutboxSettings(databaseFile, bytes, maxAge, policy, maxDatabaseBytes, sweepInterval);
    }

    public OutboxSettings withPolicy(FullPolicy newPolicy) {
        return new OutboxSettings(databaseFile, capacityBytes, maxAge, newPolicy, maxDatabaseBytes, sweepInterval);
    }

    public OutboxSettings withMaxAge(Duration age) {
        return new OutboxSettings(databaseFile, capacityBytes, age, policy, maxDatabaseBytes, sweepInterval);
    }

    public OutboxSettings withMaxDatabaseBytes(long bytes) {
        return new OutboxSettings(databaseFile, capacityBytes, maxAge, policy, bytes, sweepInterval);
    }
}
