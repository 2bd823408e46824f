package io.wardgate.api.time;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Compares devices' own clocks (IntelliVue, Datex, Masimo device time, where a driver decodes one) with
 * the gateway's, so that a device whose clock is off is flagged, never silently trusted or ignored. The
 * caller (the policy, for each reading with a device time) adds
 * {@link io.wardgate.api.StatusFlag#DEVICE_CLOCK_OFF} when {@link DeviceClockOffset#flagged()}. Never blocks.
 */
@ProviderType
public interface DeviceClocks {

    /** Compares what the device's clock said with the gateway's reception time; remembers the result. */
    DeviceClockOffset compare(String deviceId, Instant deviceTime, Instant receivedAt);

    /** The latest comparison per device, most recent first (for the status reply and the dashboard). */
    List<DeviceClockOffset> offsets();
}
