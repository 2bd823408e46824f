package io.wardgate.outbox;

import io.wardgate.api.pipeline.EnvelopeTags;
import io.wardgate.api.pipeline.Precedence;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.api.pipeline.StoredEnvelope;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * The one class that speaks JDBC: an SQLite database in WAL mode with synchronous=FULL, so a
 * committed transaction survives a power cut. One connection, used under this object's monitor.
 * Every SQLException leaves as a {@link StoreException} with its kind (full, corrupt, other).
 */
final class SqliteStore implements AutoCloseable {
    /** 2 added the precedence column (alarms first); a version-1 file is migrated in place at open. */
    private static final int SCHEMA_VERSION = 2;
    private static final int IN_CHUNK = 500;
    /**
     * The -wal file is cut back to this when SQLite starts it over: a long reader (the background integrity
     * check: minutes on an SD card) keeps it from starting over, so it grows by every commit meanwhile (7 KB per
     * envelope); without a limit it kept that size until the outbox closed. Normally it stays below (checkpoints
     * at 1,000 pages, about 4 MB), so this costs nothing then.
     */
    static final long WAL_LIMIT_BYTES = 8L << 20;
    private static final String COLUMNS =
            "id, gateway, device, epoch, seq, sealed_s, sealed_n, topic, priority, readings, size, body";

    private final Connection connection;
    /**
     * Statements prepared once per connection, by their SQL: SQLite compiles a statement on every prepare, which
     * was most of the cost of a hand-out's few small reads. Used under this object's monitor only.
     */
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    /** Larger IN lists of {@link #load} are prepared per call, so the cache holds few statements. */
    private static final int CACHED_IN_LIST = 16;
    /** synchronous=FULL is known to be in force (false while, or if, a non-durable commit relaxed it). */
    private boolean full = true;
    private final Path file;

    private SqliteStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Eviction candidates, in eviction order; walks the envelope_eviction index (see EvictionPlanTest). */
    static final String EVICTION_QUERY = "SELECT id, device, size FROM envelope"
            + " WHERE precedence < ? OR (precedence = ? AND priority <= ?) ORDER BY precedence, priority, id LIMIT ?";

    /** Alarms in hand-out order; searches the partial envelope_urgent index without a sort (UrgentIndexTest). */
    static final String URGENT_QUERY = "SELECT id FROM envelope WHERE precedence > 0 ORDER BY precedence DESC, id LIMIT ?";

    /**
     * Expiry's rows of one age segment, oldest first, through envelope_sealed (ExpiryPlanTest). The unary
     * {@code +} keeps SQLite from taking the id range instead: it then read every row of the segment, bodies
     * and all, and sorted them, once a sweep (a minute) on the writer thread, however few had expired.
     */
    static final String EXPIRY_QUERY = "SELECT id, device, size FROM envelope"
            + " WHERE +id > ? AND +id <= ? AND sealed_s < ? ORDER BY sealed_s LIMIT ?";

    /** The totals at open; a scan of the covering envelope_sealed, not of the table (SealedIndexTest). */
    static final String TOTALS_QUERY = "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM envelope";

    /** The oldest envelope's sealing time (status); the first entry of envelope_sealed, no sort (SealedIndexTest). */
    static final String OLDEST_QUERY = "SELECT sealed_s, sealed_n FROM envelope ORDER BY sealed_s, sealed_n LIMIT 1";

    /**
     * Opens (or creates) the database, checks its schema (not its pages: see {@link IntegrityCheck}), and
     * switches on WAL and synchronous=FULL.
     *
     * @param maxDatabaseBytes a hard limit for the database file (SQLite max_page_count), 0 for none
     */
    static SqliteStore open(Path file, long maxDatabaseBytes) {
        Connection connection = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setBusyTimeout(5_000);
            // The driver would otherwise match every statement against an INSERT pattern to offer generated
            // keys (1-1.5 % of the gateway's CPU at 20 lines/s); the store reads last_insert_rowid() itself.
            config.setGetGeneratedKeys(false);
            connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            SqliteStore store = new SqliteStore(file, connection);
            store.prepare(maxDatabaseBytes);
            return store;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw StoreException.from("open", e);
        } catch (StoreException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** Whether the driver matches statements for generated keys (open() turns it off). */
    boolean driverTracksGeneratedKeys() throws SQLException {
        return connection.unwrap(org.sqlite.SQLiteConnection.class).getConnectionConfig().isGetGeneratedKeys();
    }

    private void prepare(long maxDatabaseBytes) throws SQLException {
        // No quick_check here: it reads the whole file (20 s cold for a full outbox), so the engine runs it in
        // the background (IntegrityCheck). A file SQLite cannot open, or of an unknown schema, still fails below.
        try (Statement statement = connection.createStatement()) {
            String journal = text(statement, "PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("PRAGMA journal_size_limit=" + WAL_LIMIT_BYTES);
            if (!"wal".equalsIgnoreCase(journal) || number(statement, "PRAGMA synchronous") != 2) {
                throw new StoreException(StoreException.Kind.OTHER, "SQLite refused WAL with synchronous=FULL");
            }
            if (maxDatabaseBytes > 0) {
                long pageSize = number(statement, "PRAGMA page_size");
                statement.execute("PRAGMA max_page_count=" + Math.max(1, maxDatabaseBytes / pageSize));
            }
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
            statement.execute("CREATE TABLE IF NOT EXISTS envelope("
                    + "id INTEGER PRIMARY KEY AUTOINCREMENT, gateway TEXT NOT NULL, device TEXT NOT NULL,"
                    + " epoch INTEGER NOT NULL, seq INTEGER NOT NULL, sealed_s INTEGER NOT NULL, sealed_n INTEGER NOT NULL,"
                    + " topic TEXT NOT NULL, priority INTEGER NOT NULL, readings INTEGER NOT NULL,"
                    + " size INTEGER NOT NULL, body BLOB NOT NULL, precedence INTEGER NOT NULL DEFAULT 0)");
            SchemaMigration.addPrecedence(statement);
            SchemaMigration.urgentIndex(statement);
            statement.execute("CREATE INDEX IF NOT EXISTS envelope_device ON envelope(device, id)");
            // Eviction's order (precedence, priority, oldest): without it a full outbox sorted every row per store.
            statement.execute("DROP INDEX IF EXISTS envelope_priority");
            statement.execute("CREATE INDEX IF NOT EXISTS envelope_eviction ON envelope(precedence, priority, id)");
            SchemaMigration.sealedIndex(statement);
            statement.execute("CREATE TABLE IF NOT EXISTS sequence("
                    + "device TEXT NOT NULL, epoch INTEGER NOT NULL, last INTEGER NOT NULL, PRIMARY KEY(device, epoch))");
            statement.execute("INSERT OR IGNORE INTO meta(key, value) VALUES('schema', " + SCHEMA_VERSION + ")");
            statement.execute("UPDATE meta SET value = " + SCHEMA_VERSION + " WHERE key='schema' AND value = 1");
            long schema = number(statement, "SELECT value FROM meta WHERE key='schema'");
            statement.execute("COMMIT");
            if (schema != SCHEMA_VERSION) {
                throw new StoreException(StoreException.Kind.CORRUPT, "unknown schema version " + schema);
            }
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    Path file() {
        return file;
    }

    synchronized String journalMode() {
        return query(() -> {
            try (Statement statement = connection.createStatement()) {
                return text(statement, "PRAGMA journal_mode");
            }
        });
    }

    synchronized long synchronousLevel() {
        return query(() -> {
            try (Statement statement = connection.createStatement()) {
                return number(statement, "PRAGMA synchronous");
            }
        });
    }

    /** How many envelopes and bytes are stored (counted once at start; the engine keeps them current). */
    synchronized Totals totals() {
        return query(() -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(TOTALS_QUERY)) {
                rows.next();
                return new Totals(rows.getLong(1), rows.getLong(2));
            }
        });
    }

    synchronized Optional<Instant> oldestSealed() {
        return query(() -> {
            try (PreparedStatement statement = connection.prepareStatement(OLDEST_QUERY);
                    ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(Instant.ofEpochSecond(rows.getLong(1), rows.getLong(2)))
                        : Optional.<Instant>empty();
            }
        });
    }

    synchronized long lastSequence(String device, long epoch) {
        return query(() -> {
            PreparedStatement statement = prepared("SELECT last FROM sequence WHERE device = ? AND epoch = ?");
            statement.setString(1, device);
            statement.setLong(2, epoch);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1L;
            }
        });
    }

    /** The first device (in name order) after {@code after} that has stored envelopes; an index skip. */
    synchronized Optional<String> deviceAfter(String after) {
        return query(() -> {
            PreparedStatement statement = prepared("SELECT device FROM envelope WHERE device > ? ORDER BY device LIMIT 1");
            statement.setString(1, after);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
            }
        });
    }

    /** The ids of the oldest envelopes of a precedence above routine (alarms), oldest first. */
    synchronized List<Long> urgentIds(int limit) {
        return query(() -> {
            PreparedStatement statement = prepared(URGENT_QUERY);
            statement.setInt(1, limit);
            return ids(statement);
        });
    }

    /** The ids of a device's oldest envelopes, oldest first. */
    synchronized List<Long> oldestIds(String device, int limit) {
        return query(() -> {
            PreparedStatement statement = prepared("SELECT id FROM envelope WHERE device = ? ORDER BY id LIMIT ?");
            statement.setString(1, device);
            statement.setInt(2, limit);
            return ids(statement);
        });
    }

    /** The ids of a device's oldest envelopes above {@code above} (its live lane), oldest first. */
    synchronized List<Long> oldestIdsAbove(String device, long above, int limit) {
        return query(() -> {
            PreparedStatement statement = prepared(
                    "SELECT id FROM envelope WHERE device = ? AND id > ? ORDER BY id LIMIT ?");
            statement.setString(1, device);
            statement.setLong(2, above);
            statement.setInt(3, limit);
            return ids(statement);
        });
    }

    /** The envelopes with these ids, by id (an id deleted meanwhile is absent). */
    synchronized Map<Long, StoredEnvelope> load(List<Long> ids) {
        return query(() -> {
            Map<Long, StoredEnvelope> loaded = new HashMap<>();
            for (int from = 0; from < ids.size(); from += IN_CHUNK) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                String sql = "SELECT " + COLUMNS + " FROM envelope WHERE id IN (" + marks + ")";
                boolean cached = chunk.size() <= CACHED_IN_LIST;
                PreparedStatement statement = cached ? prepared(sql) : connection.prepareStatement(sql);
                try {
                    for (int i = 0; i < chunk.size(); i++) {
                        statement.setLong(i + 1, chunk.get(i));
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            StoredEnvelope envelope = envelope(rows);
                            loaded.put(envelope.storageId(), envelope);
                        }
                    }
                } finally {
                    if (!cached) {
                        statement.close();
                    }
                }
            }
            return loaded;
        });
    }

    /**
     * Runs {@code work} in one transaction: all of it is committed (durably), or none. Transactions are
     * begun and ended by SQL, not by the driver's auto-commit switch, because SQLite itself rolls a
     * transaction back on some errors (SQLITE_FULL) and the driver's bookkeeping would then go wrong.
     */
    synchronized <T> T transaction(Work<T> work) {
        return transaction(work, true);
    }

    /**
     * As {@link #transaction(Work)}; not durable: committed with synchronous=NORMAL, so without an fsync of
     * its own (WAL mode keeps the file consistent; a power cut may undo this transaction, never a durable
     * one, and the next durable commit's fsync covers it too). For writes whose loss is harmless.
     */
    synchronized <T> T transaction(Work<T> work, boolean durable) {
        if (durable) {
            if (!full) {
                setSynchronous("FULL"); // an earlier restore failed: never commit durable work relaxed
            }
            return inTransaction(work);
        }
        setSynchronous("NORMAL");
        try {
            return inTransaction(work);
        } finally {
            setSynchronous("FULL");
        }
    }

    private void setSynchronous(String level) {
        try {
            full = false;
            prepared("PRAGMA synchronous=" + level).execute();
            full = "FULL".equals(level);
        } catch (SQLException e) {
            forgetPrepared();
            throw StoreException.from("write", e);
        }
    }

    private <T> T inTransaction(Work<T> work) {
        try {
            prepared("BEGIN IMMEDIATE").execute();
            T result = work.run(new Tx());
            prepared("COMMIT").execute();
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            throw StoreException.from("write", e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /**
     * Runs several reads as one read transaction: SQLite takes its locks (fcntl calls on the file and its
     * WAL index) once, not once per statement; a hand-out reads a few devices per call. The writer's
     * transactions wait meanwhile (one connection, this monitor). Nothing is written, so COMMIT costs no fsync.
     */
    synchronized <T> T reading(java.util.function.Supplier<T> reads) {
        try {
            prepared("BEGIN").execute();
        } catch (SQLException e) {
            throw StoreException.from("read", e);
        }
        try {
            return reads.get();
        } finally {
            // What was read stands (the caller may have acted on it): a failed end only ends the transaction.
            try {
                prepared("COMMIT").execute();
            } catch (SQLException e) {
                rollbackQuietly();
            }
        }
    }

    /** Makes new ids start above {@code id}, so an id handed out from a replaced database is never reused. */
    synchronized void ensureIdsAbove(long id) {
        transaction(tx -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = 'envelope'");
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO sqlite_sequence(name, seq) SELECT 'envelope', ?"
                                    + " WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'envelope')")) {
                update.setLong(1, id);
                update.executeUpdate();
                insert.setLong(1, id);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public synchronized void close() {
        prepared.clear(); // closing the connection finalizes its statements
        closeQuietly(connection);
    }

    interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    record Totals(long envelopes, long bytes) {
    }

    /** A removed row: enough for the engine to keep its counts and in-flight set right. */
    record Removed(long id, String device, int size) {
    }

    /** What may be done inside one transaction. */
    final class Tx {
        private Tx() {
        }

        long insert(SealedEnvelope envelope) throws SQLException {
            return insert(envelope, Precedence.ROUTINE);
        }

        long insert(SealedEnvelope envelope, Precedence precedence) throws SQLException {
            EnvelopeTags tags = envelope.tags();
            PreparedStatement statement = prepared(
                    "INSERT INTO envelope(gateway, device, epoch, seq, sealed_s, sealed_n, topic, priority, readings,"
                            + " size, body, precedence) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
            statement.setString(1, tags.gatewayId());
            statement.setString(2, tags.deviceId());
            statement.setLong(3, tags.epoch());
            statement.setLong(4, tags.sequence());
            statement.setLong(5, tags.sealedAt().getEpochSecond());
            statement.setInt(6, tags.sealedAt().getNano());
            statement.setString(7, tags.topic());
            statement.setInt(8, tags.priority());
            statement.setInt(9, tags.readingCount());
            statement.setInt(10, envelope.size());
            statement.setBytes(11, envelope.bytes());
            statement.setInt(12, precedence.ordinal());
            statement.executeUpdate();
            // Not getGeneratedKeys(): the driver prepares a statement for that on every insert. The rowid is the
            // connection's, and this connection inserts under this object's monitor only.
            try (ResultSet keys = prepared("SELECT last_insert_rowid()").executeQuery()) {
                keys.next();
                return keys.getLong(1);
            } finally {
                statement.clearParameters(); // the cache would otherwise keep the last envelope's body
            }
        }

        /** Raises the device's highest stored sequence number in the epoch (never lowers it). */
        void raiseSequence(String device, long epoch, long sequence) throws SQLException {
            PreparedStatement statement = prepared("INSERT INTO sequence(device, epoch, last) VALUES(?,?,?)"
                    + " ON CONFLICT(device, epoch) DO UPDATE SET last = MAX(last, excluded.last)");
            statement.setString(1, device);
            statement.setLong(2, epoch);
            statement.setLong(3, sequence);
            statement.executeUpdate();
        }

        /**
         * Candidates for eviction: every envelope of a lower precedence, then those of the same precedence
         * with priority at most {@code maxPriority}; lowest precedence, then lowest priority first, then oldest.
         * So alarms are evicted last, and only to make room for alarms.
         */
        List<Removed> evictionCandidates(Precedence precedence, int maxPriority, int limit) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(EVICTION_QUERY)) {
                statement.setInt(1, precedence.ordinal());
                statement.setInt(2, precedence.ordinal());
                statement.setInt(3, maxPriority);
                statement.setInt(4, limit);
                return removedRows(statement);
            }
        }

        /** Expiry (AgeRule): rows with id in (above, atMost] sealed before {@code cutoff}, oldest first. */
        List<Removed> sealedBefore(Instant cutoff, long above, long atMost, int limit) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(EXPIRY_QUERY)) {
                statement.setLong(1, above);
                statement.setLong(2, atMost);
                statement.setLong(3, cutoff.getEpochSecond());
                statement.setInt(4, limit);
                return removedRows(statement);
            }
        }

        /** Expiry (AgeRule): the highest id ever stored in this file (AUTOINCREMENT never reuses one), 0 for none. */
        long highestId() throws SQLException {
            try (Statement statement = connection.createStatement()) {
                return Math.max(0, number(statement, "SELECT COALESCE(MAX(id), 0) FROM envelope"));
            }
        }

        /** Expiry (AgeRule): the lowest id stored, 0 when empty. */
        long lowestId() throws SQLException {
            try (Statement statement = connection.createStatement()) {
                return Math.max(0, number(statement, "SELECT COALESCE(MIN(id), 0) FROM envelope"));
            }
        }

        /** Expiry (AgeRule): the meta entries whose key starts with {@code prefix}, in key order. */
        Map<String, Long> meta(String prefix) throws SQLException {
            Map<String, Long> entries = new java.util.TreeMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT key, value FROM meta WHERE substr(key, 1, ?) = ?")) {
                statement.setInt(1, prefix.length());
                statement.setString(2, prefix);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        entries.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            return entries;
        }

        /** Expiry (AgeRule): sets a meta entry, or removes it when {@code value} is null. */
        void putMeta(String key, Long value) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(value == null
                    ? "DELETE FROM meta WHERE key = ?" : "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)")) {
                statement.setString(1, key);
                if (value != null) {
                    statement.setLong(2, value);
                }
                statement.executeUpdate();
            }
        }

        /** Deletes the rows with these ids; returns those that existed. */
        List<Removed> delete(Collection<Long> ids) throws SQLException {
            List<Removed> removed = new ArrayList<>();
            PreparedStatement select = prepared("SELECT device, size FROM envelope WHERE id = ?");
            PreparedStatement delete = prepared("DELETE FROM envelope WHERE id = ?");
            for (long id : ids) {
                select.setLong(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        continue;
                    }
                    removed.add(new Removed(id, rows.getString(1), rows.getInt(2)));
                }
                delete.setLong(1, id);
                delete.executeUpdate();
            }
            return removed;
        }

        private List<Removed> removedRows(PreparedStatement statement) throws SQLException {
            List<Removed> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Removed(result.getLong(1), result.getString(2), result.getInt(3)));
                }
            }
            return rows;
        }
    }

    /** The statement for {@code sql}, prepared on first use; never closed by the caller (a ResultSet must be). */
    private PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            prepared.put(sql, statement);
        }
        return statement;
    }

    /**
     * Closes the cached statements after a failure: the driver can leave a statement that failed (SQLITE_FULL, an
     * I/O error) unusable ("statement is not executing"); the next use prepares afresh. Failures are rare.
     */
    private void forgetPrepared() {
        for (PreparedStatement statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                // closing a statement of a failed operation: nothing left to protect
            }
        }
        prepared.clear();
    }

    private static List<Long> ids(PreparedStatement statement) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    private static StoredEnvelope envelope(ResultSet rows) throws SQLException {
        EnvelopeTags tags = new EnvelopeTags(rows.getString(2), rows.getString(3), rows.getLong(4), rows.getLong(5),
                Instant.ofEpochSecond(rows.getLong(6), rows.getInt(7)), rows.getString(8), rows.getInt(9),
                rows.getInt(10));
        return new StoredEnvelope(rows.getLong(1), new SealedEnvelope(tags, rows.getBytes(12)));
    }

    private interface Query<T> {
        T run() throws SQLException;
    }

    private <T> T query(Query<T> query) {
        try {
            return query.run();
        } catch (SQLException e) {
            forgetPrepared();
            throw StoreException.from("read", e);
        }
    }

    private static String text(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : "";
        }
    }

    private static long number(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : -1;
        }
    }

    /** Ends a failed transaction; SQLite may have rolled it back already ("no transaction is active"). */
    private void rollbackQuietly() {
        forgetPrepared();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            // already rolled back by SQLite, or the connection is gone: the original failure is what matters
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // closing: nothing left to protect
        }
    }
}
