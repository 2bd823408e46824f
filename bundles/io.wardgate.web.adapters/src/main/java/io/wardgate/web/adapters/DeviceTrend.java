package io.wardgate.web.adapters;

import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Location;
import io.wardgate.api.Metric;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.Unit;
import io.wardgate.web.port.DeviceVitals;
import io.wardgate.web.port.DeviceVitals.Point;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One device's recent numeric values: a ring per (metric, unit), at most {@code maxSeries} of them;
 * a new series beyond that replaces the one updated longest ago. Locked on itself, briefly.
 */
final class DeviceTrend {
    private record Key(Metric metric, Unit unit) {
    }

    private final int maxSeries;
    private final int points;
    private final Map<Key, Ring> series = new LinkedHashMap<>();
    private DeviceIdentity device;
    private Location location;
    private long lastSeenMillis = Long.MIN_VALUE;
    /** When (tap clock millis) a batch of this device was last recorded; read without the lock. */
    private volatile long recordedAtMillis = Long.MIN_VALUE;

    DeviceTrend(int maxSeries, int points) {
        this.maxSeries = maxSeries;
        this.points = points;
    }

    /** Whether the last batch was recorded in (from, to] (a clock set back does not stop the recording). */
    boolean recordedWithin(long from, long to) {
        long at = recordedAtMillis;
        return at > from && at <= to;
    }

    void recorded(long millis) {
        recordedAtMillis = millis;
    }

    synchronized void record(DeviceIdentity from, Location at, List<Reading> readings) {
        device = from;
        location = at;
        for (Reading reading : readings) {
            if (reading instanceof Observation o && o.value() != null) { // waveforms and absent values: no trend
                ring(new Key(o.metric(), o.unit())).add(o.receivedAt(), o.value());
                lastSeenMillis = Math.max(lastSeenMillis, o.receivedAt().toEpochMilli());
            }
        }
    }

    private Ring ring(Key key) {
        Ring ring = series.get(key);
        if (ring == null) {
            if (series.size() >= maxSeries) {
                series.entrySet().stream().min(Comparator.comparingLong(e -> e.getValue().newestMillis()))
                        .map(Map.Entry::getKey).ifPresent(series::remove);
            }
            ring = new Ring(points);
            series.put(key, ring);
        }
        return ring;
    }

    synchronized long lastSeenMillis() {
        return lastSeenMillis;
    }

    /** The device's values at or after {@code fromMillis}, or null when it sent none since. */
    synchronized DeviceVitals since(long fromMillis, int maxPoints) {
        if (device == null || lastSeenMillis < fromMillis) {
            return null;
        }
        List<DeviceVitals.Series> out = new ArrayList<>();
        for (Map.Entry<Key, Ring> entry : series.entrySet()) {
            List<Point> recent = entry.getValue().newest(fromMillis, maxPoints);
            if (!recent.isEmpty()) {
                out.add(new DeviceVitals.Series(entry.getKey().metric(), entry.getKey().unit(), recent));
            }
        }
        out.sort(Comparator.comparingInt((DeviceVitals.Series s) -> s.metric().mdcCode())
                .thenComparing(s -> s.unit().ucum()));
        return new DeviceVitals(device, location, Instant.ofEpochMilli(lastSeenMillis), out);
    }

    synchronized int points() {
        return series.values().stream().mapToInt(Ring::size).sum();
    }

    synchronized int seriesCount() {
        return series.size();
    }
}
