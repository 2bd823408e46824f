package io.wardgate.api.pipeline;

import io.wardgate.api.DeviceSighting;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Decides whether a device may deliver data, deny by default. A transport asks before it connects
 * (BLE) or when a device identifies itself (serial); an unknown device becomes pending approval.
 */
@ProviderType
public interface DevicePolicy {

    Admission admit(DeviceSighting sighting);
}
