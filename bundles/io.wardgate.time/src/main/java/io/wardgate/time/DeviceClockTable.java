package io.wardgate.time;

import io.wardgate.api.time.ClockState;
import io.wardgate.api.time.DeviceClockOffset;
import io.wardgate.api.time.DeviceClockOffset.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The latest offset of each device's clock, bounded (the device compared longest ago makes room). A
 * device is judged only against a synchronised gateway clock: against an unsynchronised one the offset
 * is reported but says nothing. Changes of verdict are reported to {@code onChange} (audited by the component).
 */
final class DeviceClockTable {
    static final int MAX_DEVICES = 1024;

    interface ChangeListener {
        void changed(DeviceClockOffset before, DeviceClockOffset now);
    }

    private final Supplier<ClockState> gateway;
    private final Duration tolerance;
    private final ChangeListener onChange;
    private final Map<String, DeviceClockOffset> latest = new LinkedHashMap<>(16, 0.75f, true);

    DeviceClockTable(Supplier<ClockState> gateway, Duration tolerance, ChangeListener onChange) {
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("tolerance must be positive");
        }
        this.gateway = gateway;
        this.tolerance = tolerance;
        this.onChange = onChange;
    }

    DeviceClockOffset compare(String deviceId, Instant deviceTime, Instant receivedAt) {
        Duration offset = Duration.between(receivedAt, deviceTime);
        Verdict verdict = !gateway.get().synchronised() ? Verdict.GATEWAY_UNVERIFIED
                : offset.abs().compareTo(tolerance) > 0 ? Verdict.OFF : Verdict.WITHIN_TOLERANCE;
        DeviceClockOffset result = new DeviceClockOffset(deviceId, offset, verdict, receivedAt);
        DeviceClockOffset before;
        synchronized (latest) {
            before = latest.put(deviceId, result);
            if (latest.size() > MAX_DEVICES) {
                latest.remove(latest.keySet().iterator().next());
            }
        }
        if (before == null || before.verdict() != verdict) {
            onChange.changed(before, result);
        }
        return result;
    }

    List<DeviceClockOffset> offsets() {
        List<DeviceClockOffset> all;
        synchronized (latest) {
            all = new ArrayList<>(latest.values());
        }
        all.sort(Comparator.comparing(DeviceClockOffset::observedAt).reversed());
        return all;
    }
}
