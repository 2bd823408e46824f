package io.wardgate.bench.load;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.DeviceAlarms;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Location;
import io.wardgate.api.VitalSign;
import io.wardgate.api.pipeline.ReadingIntake;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Alarm changes for the benchmark: every N ms one device raises an alarm or ends it, through the same
 * {@link ReadingIntake#raise} the drivers' alarms take. The alarm's gateway time is when it was raised;
 * the collector measures its latency from there.
 */
final class BenchAlarms {
    private final ReadingIntake intake;
    private final DeviceIdentity device;
    private final Location location;
    private final long everyNanos;
    private long next;
    private boolean active;

    BenchAlarms(ReadingIntake intake, DeviceIdentity device, Location location, int everyMillis, long startNanos) {
        this.intake = intake;
        this.device = device;
        this.location = location;
        this.everyNanos = TimeUnit.MILLISECONDS.toNanos(everyMillis);
        this.next = startNanos + everyNanos;
    }

    void maybeRaise(long nowNanos, Instant now) {
        if (everyNanos == 0 || nowNanos < next) {
            return;
        }
        next += everyNanos;
        active = !active;
        Alarm alarm = new Alarm(VitalSign.HEART_RATE.metric(), "bench:hr-high", "HR HIGH (benchmark)",
                AlarmPriority.HIGH, active ? AlarmState.ACTIVE : AlarmState.ENDED, null, Instant.now());
        intake.raise(new DeviceAlarms(device, location, List.of(alarm)));
    }
}
