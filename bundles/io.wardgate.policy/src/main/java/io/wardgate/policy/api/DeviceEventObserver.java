package io.wardgate.policy.api;

import io.wardgate.api.DeviceAlarms;
import io.wardgate.api.DeviceEvent;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: a service of this type sees the events (connected, identified, silent, alarm, ...)
 * of allowlisted devices, after the policy checked the device. Events of devices that are not
 * allowed are audited by the policy and not passed on. Called on the reporting source's thread:
 * return at once (no I/O, no blocking); what it throws is caught and logged once.
 */
@ConsumerType
public interface DeviceEventObserver {

    void reported(DeviceEvent event);

    /** The typed alarm changes of an allowlisted device, after they went to the sealer. */
    default void alarms(DeviceAlarms alarms) {
    }
}
