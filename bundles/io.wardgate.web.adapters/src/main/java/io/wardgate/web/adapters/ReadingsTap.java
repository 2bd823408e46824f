package io.wardgate.web.adapters;

import io.wardgate.api.DeviceReadings;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.policy.api.ReadingObserver;
import io.wardgate.web.port.DeviceVitals;
import io.wardgate.web.port.LatestReadings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The web UI's LatestReadings, fed by the policy as a {@link ReadingObserver}: the newest numeric
 * values per device and metric, in memory only, bounded to {@link #MAX_DEVICES} devices (the one
 * silent longest makes room), {@link #MAX_SERIES} series per device and {@link #POINTS} points per
 * series. Recording is a few array writes under a per-device lock: it never waits on I/O or on
 * another device. Values are never logged.
 * <p>
 * While nobody looks (no {@link #recent} for {@link #WATCHED_MILLIS} ms), a device's batch is recorded only
 * when its last recorded one is {@link #UNWATCHED_EVERY_MILLIS} ms old, and any other batch costs one map
 * lookup and a clock read on the source's thread: the dashboard plots at most 60 points over 15 minutes,
 * one per 15 s, so an operator who opens it still sees the last quarter of an hour; from the first look on,
 * every batch is recorded (live trends) until nobody has looked for a minute (issue 25: the tap's work on
 * the reader threads, docs/benchmarks.md).
 * <p>
 * No reference to the policy: the policy binds this as a whiteboard observer, and a mandatory
 * reference back would make a cycle. Without the policy it simply stays empty.
 */
@Component(service = {LatestReadings.class, ReadingObserver.class})
public final class ReadingsTap implements LatestReadings, ReadingObserver {
    static final int MAX_DEVICES = 128;
    static final int MAX_SERIES = 16;
    /** Twice what the dashboard plots (60), so a longer window still has points. */
    static final int POINTS = 120;
    /** Longer windows are cut to this, so the arithmetic cannot overflow. */
    static final Duration MAX_WINDOW = Duration.ofDays(3650);
    /** A look at the trends keeps every batch recorded for this long (the dashboard asks every few seconds). */
    static final long WATCHED_MILLIS = 60_000;
    /** Unwatched, a device's batches are recorded at most this often: one point per dashboard point. */
    static final long UNWATCHED_EVERY_MILLIS = 15_000;

    private final Clock clock;
    private final Map<String, DeviceTrend> devices = new ConcurrentHashMap<>();
    private final Object admission = new Object();
    /** Until when (clock millis) someone is taken to be watching; Long.MIN_VALUE: nobody has looked yet. */
    private volatile long watchedUntilMillis = Long.MIN_VALUE;

    @Activate
    public ReadingsTap() {
        this(Clock.systemUTC());
    }

    ReadingsTap(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void admitted(AdmittedReadings admitted) {
        DeviceReadings readings = admitted.readings();
        String id = readings.device().id();
        DeviceTrend trend = devices.get(id);
        long now = clock.millis();
        if (trend == null) {
            trend = newDevice(id);
        } else if (now >= watchedUntilMillis && trend.recordedWithin(now - UNWATCHED_EVERY_MILLIS, now)) {
            return; // nobody watches and this device has a point of the last 15 s
        }
        trend.recorded(now);
        trend.record(readings.device(), readings.location(), readings.readings());
    }

    /** Only a device not yet seen takes this lock; the common path is one map lookup. */
    private DeviceTrend newDevice(String id) {
        synchronized (admission) {
            DeviceTrend trend = devices.get(id);
            if (trend != null) {
                return trend;
            }
            if (devices.size() >= MAX_DEVICES) {
                devices.entrySet().stream().min(Comparator.comparingLong(e -> e.getValue().lastSeenMillis()))
                        .map(Map.Entry::getKey).ifPresent(devices::remove);
            }
            trend = new DeviceTrend(MAX_SERIES, POINTS);
            devices.put(id, trend);
            return trend;
        }
    }

    @Override
    public List<DeviceVitals> recent(Duration window, int maxPoints) {
        if (window.isNegative() || maxPoints < 1) {
            return List.of();
        }
        long now = clock.millis();
        watchedUntilMillis = now + WATCHED_MILLIS;
        long from = now - (window.compareTo(MAX_WINDOW) > 0 ? MAX_WINDOW : window).toMillis();
        int max = Math.min(maxPoints, POINTS);
        List<DeviceVitals> out = new ArrayList<>();
        for (DeviceTrend trend : devices.values()) {
            DeviceVitals vitals = trend.since(from, max);
            if (vitals != null) {
                out.add(vitals);
            }
        }
        out.sort(Comparator.comparing(v -> v.device().id()));
        return out;
    }

    /** Devices held, for tests of the bounds. */
    int devices() {
        return devices.size();
    }

    /** Points held over all devices, for tests of the bounds. */
    int points() {
        return devices.values().stream().mapToInt(DeviceTrend::points).sum();
    }
}
