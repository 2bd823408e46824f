package io.wardgate.web.port;

import java.time.Duration;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Device alarms and status flags per device, for the dashboard. What provides it today
 * (io.wardgate.web.adapters DeviceAlarmsTap) reads the devices' ALARM, SILENT and DISCONNECTED
 * events and the status flags of their newest readings; a typed alarm source can replace it
 * behind this port without a change to the pages. Not for patient care: alarms reach the page late
 * or not at all when the gateway is busy.
 */
@ConsumerType
public interface DeviceAlarms {

    /** Each device's alerts within {@code window}, newest first per device; current status flags included. */
    List<DeviceAlert> recent(Duration window);
}
