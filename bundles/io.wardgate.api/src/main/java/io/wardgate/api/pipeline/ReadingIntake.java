package io.wardgate.api.pipeline;

import io.wardgate.api.Alarm;
import io.wardgate.api.DeviceAlarms;
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

    /**
     * Device alarm changes: admitted like readings (allowlisted devices only) and sealed ahead of
     * them. An intake that predates typed alarms reports each as an ALARM event.
     */
    default void raise(DeviceAlarms alarms) {
        for (Alarm alarm : alarms.alarms()) {
            String detail = alarm.priority() + " " + alarm.state() + ": " + alarm.text();
            report(new DeviceEvent(alarms.device(), DeviceEvent.Kind.ALARM, alarm.gatewayTime(), detail));
        }
    }
}
