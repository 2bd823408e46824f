package io.wardgate.ble;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.driver.GattDriver;
import io.wardgate.api.driver.GattResult;
import io.wardgate.api.pipeline.ReadingIntake;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A characteristic value from an allowed device: decoded and handed to the intake. Never logs values. */
final class Notifications {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final BleSettings settings;
    private final GattDriverCatalog drivers;
    private final ReadingIntake intake;
    private final Clock clock;
    /** Malformed values per device, so that a babbling device cannot flood the log. */
    private final Map<String, Long> malformed = new ConcurrentHashMap<>();

    Notifications(BleSettings settings, GattDriverCatalog drivers, ReadingIntake intake, Clock clock) {
        this.settings = settings;
        this.drivers = drivers;
        this.intake = intake;
        this.clock = clock;
    }

    /** Whether a GattCharacteristic1 is one of ours to subscribe to: an installed GATT driver decodes it. */
    boolean wanted(Map<String, Object> characteristic) {
        if (drivers.forCharacteristic(ObjectTree.string(characteristic, "UUID")).isEmpty()) {
            return false;
        }
        Object flags = characteristic.get("Flags");
        // Flags absent: trust the UUID (the profiles define these as notify or indicate).
        return !(flags instanceof List<?> list) || list.contains("notify") || list.contains("indicate");
    }

    void handle(DeviceIdentity device, String uuid, byte[] value) {
        Instant now = clock.instant();
        GattDriver driver = drivers.forCharacteristic(uuid).orElse(null);
        if (driver == null) {
            LOG.debug("no GATT driver installed for {} any more; value from {} dropped", uuid, device.id());
            return;
        }
        GattResult result;
        try {
            result = driver.decode(uuid, value, now, settings.deviceZone());
        } catch (RuntimeException bug) {
            LOG.error("GATT decoder failed on a {}-byte value of {} from {}", value.length, uuid, device.id(), bug);
            return;
        }
        try {
            if (result instanceof GattResult.GattMeasurement measurement) {
                if (!measurement.observations().isEmpty()) {
                    intake.submit(new DeviceReadings(device, settings.location(), List.copyOf(measurement.observations())));
                }
            } else if (result instanceof GattResult.GattError error) {
                String detail = Sightings.printable(error.describe(), 512);
                long count = malformed.merge(device.id(), 1L, Long::sum);
                if (Long.bitCount(count) == 1) { // the 1st, 2nd, 4th, 8th, ... only
                    LOG.info("malformed BLE value from {} ({} so far): {}", device.id(), count, detail);
                }
                intake.report(new DeviceEvent(device, DeviceEvent.Kind.MALFORMED_INPUT, now, detail));
            }
        } catch (RuntimeException e) {
            LOG.error("reading intake refused readings from {}", device.id(), e);
        }
    }
}
