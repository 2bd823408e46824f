package io.wardgate.api.driver;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Bluetooth LE GATT characteristics a driver decodes. io.wardgate.ble subscribes, on allowed devices,
 * to every characteristic some GATT driver names in {@link #characteristics()} and hands each value
 * to that driver. Stateless: one value in, one result out.
 */
@ConsumerType
public interface GattDriver extends DeviceDriver {
    /** The most a characteristic value can hold (ATT: 512 bytes); longer values are refused unread. */
    int MAX_VALUE_LENGTH = 512;

    /** The 16-bit UUIDs of the characteristics decoded, four upper-case hex digits, e.g. "2A37". */
    Set<String> characteristics();

    /** The 16-bit UUIDs of the services that hold them, e.g. "180D". */
    Set<String> services();

    /**
     * Decodes one characteristic value. Never throws for bad input: a malformed value is a
     * {@link GattResult.GattError} naming the field.
     *
     * @param characteristic one of {@link #characteristics()}, in any form {@link GattUuids#shortUuid} accepts
     * @param value the value as received; not kept
     * @param receivedAt when the gateway received it
     * @param deviceZone the zone the device's clock runs in (GATT time stamps carry none)
     */
    GattResult decode(String characteristic, byte[] value, Instant receivedAt, ZoneId deviceZone);
}
