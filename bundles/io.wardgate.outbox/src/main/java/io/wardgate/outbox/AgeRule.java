package io.wardgate.outbox;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maximum-age rule on a clock that a step cannot fool. A board without a real-time clock boots
 * at 1970 or at a saved time and jumps when NTP answers; counted on the wall clock, a forward step of
 * days would expire a backlog that was never sent. So the age of a row is its wall age minus every
 * clock step seen since it was stored: while running, a step is the wall clock moving against the
 * monotonic clock between two sweeps; across a restart (the monotonic clock starts again) only a
 * wall clock behind the last sweep is a step, since time runs forward while the gateway is off.
 * Time off therefore counts as far as the clock at start shows it, and a step at synchronisation
 * afterwards does not count (kept longer, never dropped early; the capacity rule still bounds the file).
 *
 * <p>Steps are rare, so they are kept as marks in the database's meta table (durable with the rows,
 * replaced with them): {@code age.mark.<id>} holds the sum of steps in force for the rows up to that id
 * since the previous mark, {@code age.offset} the sum now. Rows stored between the last sweep and a
 * detected step could be on either side of it; they are counted on the side where they look younger.
 */
final class AgeRule {
    private static final Logger LOG = LoggerFactory.getLogger(AgeRule.class);
    static final Duration STEP_TOLERANCE = Duration.ofSeconds(2);
    static final int MAX_MARKS = 256;
    private static final String PREFIX = "age.";
    private static final String OFFSET = "age.offset";
    private static final String WALL = "age.wall";
    private static final String MARK = "age.mark.";

    /** Rows with id in (above, atMost] sealed before {@code cutoff} are past the maximum age. */
    record Segment(long above, long atMost, Instant cutoff) {
    }

    private final LongSupplier monotonicNanos;
    private SqliteStore seen;
    private long lastTick;
    private long lastWallMillis;
    private long lastHighestId;

    AgeRule(LongSupplier monotonicNanos) {
        this.monotonicNanos = monotonicNanos;
    }

    /**
     * In one transaction of {@code store}: records a clock step seen since the last call (or since the
     * last run on this file), then says which rows are past {@code maxAge}.
     */
    List<Segment> plan(SqliteStore store, SqliteStore.Tx tx, Instant now, Duration maxAge) throws SQLException {
        long tick = monotonicNanos.getAsLong();
        long wall = now.toEpochMilli();
        Map<String, Long> meta = tx.meta(PREFIX);
        long offset = meta.getOrDefault(OFFSET, 0L);
        long highest = tx.highestId();
        long step;
        long boundary;
        if (seen == store) {
            step = (wall - lastWallMillis) - Math.floorDiv(tick - lastTick, 1_000_000L);
            // forward: rows since the last sweep keep the old offset; backward: they take the new one
            boundary = step > 0 ? highest : lastHighestId;
        } else {
            Long saved = meta.get(WALL);
            step = saved == null ? 0 : Math.min(0, wall - saved);
            boundary = highest;
        }
        if (Math.abs(step) > STEP_TOLERANCE.toMillis()) {
            LOG.info("Outbox age: the clock stepped {} ms; rows up to id {} keep their age", step, boundary);
            if (boundary > lastMarkId(meta) && boundary > 0) {
                tx.putMeta(markKey(boundary), offset);
                meta.put(markKey(boundary), offset);
            }
            offset += step;
        }
        tx.putMeta(OFFSET, offset);
        tx.putMeta(WALL, wall);
        prune(tx, meta);
        seen = store;
        lastTick = tick;
        lastWallMillis = wall;
        lastHighestId = highest;
        return segments(meta, offset, now.minus(maxAge));
    }

    private static List<Segment> segments(Map<String, Long> meta, long offset, Instant plainCutoff) {
        List<Segment> segments = new ArrayList<>();
        long above = 0;
        for (Map.Entry<String, Long> mark : marks(meta)) {
            long id = Long.parseLong(mark.getKey().substring(MARK.length()));
            // age = (now - offset) - (sealed - markOffset) >= maxAge  <=>  sealed < cutoff - (offset - markOffset)
            segments.add(new Segment(above, id, plainCutoff.minusMillis(offset - mark.getValue())));
            above = id;
        }
        segments.add(new Segment(above, Long.MAX_VALUE, plainCutoff));
        return segments;
    }

    /** Drops marks whose rows are all gone; merges the oldest when there are too many (the younger-looking offset wins). */
    private static void prune(SqliteStore.Tx tx, Map<String, Long> meta) throws SQLException {
        long lowest = tx.lowestId();
        List<Map.Entry<String, Long>> marks = marks(meta);
        for (Map.Entry<String, Long> mark : marks) {
            long id = Long.parseLong(mark.getKey().substring(MARK.length()));
            if (lowest == 0 || id < lowest) {
                tx.putMeta(mark.getKey(), null);
                meta.remove(mark.getKey());
            }
        }
        marks = marks(meta);
        while (marks.size() > MAX_MARKS) {
            Map.Entry<String, Long> first = marks.get(0);
            Map.Entry<String, Long> second = marks.get(1);
            long younger = Math.min(first.getValue(), second.getValue());
            tx.putMeta(first.getKey(), null);
            tx.putMeta(second.getKey(), younger);
            meta.remove(first.getKey());
            meta.put(second.getKey(), younger);
            marks = marks(meta);
        }
    }

    private static List<Map.Entry<String, Long>> marks(Map<String, Long> meta) {
        // keys are zero-padded, so the map's key order is id order
        return meta.entrySet().stream().filter(e -> e.getKey().startsWith(MARK))
                .sorted(Map.Entry.comparingByKey()).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }

    private static long lastMarkId(Map<String, Long> meta) {
        List<Map.Entry<String, Long>> marks = marks(meta);
        return marks.isEmpty() ? 0 : Long.parseLong(marks.get(marks.size() - 1).getKey().substring(MARK.length()));
    }

    private static String markKey(long id) {
        return MARK + String.format("%019d", id);
    }
}
