package io.wardgate.api.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The last comparison of a device's own clock with the gateway's.
 *
 * @param deviceId the device, as in the envelope's routing tags
 * @param offset device time minus gateway time at reception (positive: the device is ahead); it includes
 *     the device's own delay between measuring and sending, so small offsets mean nothing
 * @param verdict what the comparison says
 * @param observedAt when it was made (gateway wall time)
 */
public record DeviceClockOffset(String deviceId, Duration offset, Verdict verdict, Instant observedAt) {

    /** What a comparison of the two clocks says. */
    public enum Verdict {
        /** Within the configured tolerance of a synchronised gateway clock. */
        WITHIN_TOLERANCE,
        /** Off by more than the tolerance: readings carry {@link io.wardgate.api.StatusFlag#DEVICE_CLOCK_OFF}. */
        OFF,
        /** The gateway's own clock is not synchronised: nothing can be said about the device's. */
        GATEWAY_UNVERIFIED
    }

    public DeviceClockOffset {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(observedAt, "observedAt");
    }

    /** Whether the device's time stamps must be flagged. */
    public boolean flagged() {
        return verdict == Verdict.OFF;
    }
}
