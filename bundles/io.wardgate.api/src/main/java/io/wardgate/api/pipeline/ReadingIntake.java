package io.wardgate.api.pipeline;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.DeviceReadings;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where sources (serial ports, BLE, in-process feeds) hand in what devices sent. The policy
 * provides it: nothing a source submits goes further unless the device is allowed.
 * Both methods return quickly and never throw for a well-formed argument.
 */
@ProviderType
public interface ReadingIntake {

    void submit(DeviceReadings readings);

    void report(DeviceEvent event);
}
