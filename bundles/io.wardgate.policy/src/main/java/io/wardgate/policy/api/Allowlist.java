package io.wardgate.policy.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Managing which devices may deliver data. Actors are who asks, e.g. "user:alice" or "it:key-7"
 * (1 to 128 printable characters); they go into the audit trail. Every change is validated as a
 * whole, persisted, then applied at once; on any error nothing changes.
 */
@ProviderType
public interface Allowlist {

    /** The allowlist in force: groups, approved devices, rejected or revoked devices. */
    AllowlistDocument current();

    /** Devices seen but not allowed, oldest first, with what was seen of them. */
    List<PendingDevice> pending();

    /**
     * Allows a pending device into a group, matching exactly what was seen of it (for serial: port,
     * model, serial number; for BLE: address, address type and advertised services). Replaces an
     * entry for the same address (an approved swap).
     *
     * @param deviceId the pending device's id, e.g. "serial:/dev/wardgate/bed-12"
     */
    AllowlistEntry approve(String deviceId, String group, String actor) throws AllowlistException;

    /** Refuses a pending device: it is denied from now on and leaves the pending list. */
    void reject(String deviceId, String reason, String actor) throws AllowlistException;

    /** Removes an approved device: its data is dropped from now on, even data already admitted. */
    void revoke(String deviceId, String reason, String actor) throws AllowlistException;

    /**
     * Takes a rejected or revoked device off the denied list (a reversible decision): from its next
     * sighting it is pending again and can be approved.
     *
     * @param deviceId the denied device's id, e.g. "serial:/dev/wardgate/bed-12"
     */
    void reallow(String deviceId, String actor) throws AllowlistException;

    /** Adds a device group, or replaces the group of that name (its devices keep their place). */
    void putGroup(DeviceGroup group, String actor) throws AllowlistException;

    /** The whole allowlist as a JSON document, the format {@link #importJson} takes. */
    String exportJson();

    /**
     * Replaces the whole allowlist with a JSON document. It is validated as a whole: on any problem
     * the exception names each bad item and the allowlist in force stays as it was.
     */
    void importJson(String json, String actor) throws AllowlistException;

    PolicyStatus status();
}
