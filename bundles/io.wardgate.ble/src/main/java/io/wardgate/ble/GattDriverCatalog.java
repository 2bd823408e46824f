package io.wardgate.ble;

import io.wardgate.api.driver.DeviceDriver;
import io.wardgate.api.driver.GattDriver;
import io.wardgate.api.driver.GattUuids;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The GATT drivers installed right now (services with the {@value DeviceDriver#PROTOCOL} property):
 * the BLE gateway subscribes to the characteristics they decode and hands each value to the driver
 * that names it. Drivers may come and go at any time; the first installed wins a characteristic two
 * drivers name.
 */
@Component(service = GattDriverCatalog.class)
public final class GattDriverCatalog {
    private final List<GattDriver> drivers = new CopyOnWriteArrayList<>();

    /** A catalog holding the given drivers (tests, and use outside OSGi). */
    public static GattDriverCatalog of(GattDriver... installed) {
        GattDriverCatalog catalog = new GattDriverCatalog();
        catalog.drivers.addAll(List.of(installed));
        return catalog;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + DeviceDriver.PROTOCOL + "=*)")
    void addDriver(GattDriver driver) {
        drivers.add(driver);
    }

    void removeDriver(GattDriver driver) {
        drivers.remove(driver);
    }

    /** The driver that decodes this characteristic (any UUID form), if one is installed. */
    public Optional<GattDriver> forCharacteristic(String uuid) {
        Optional<String> key = GattUuids.shortUuid(uuid);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return drivers.stream().filter(driver -> driver.characteristics().contains(key.get())).findFirst();
    }

    /** The 16-bit UUIDs of the services some installed driver covers, sorted. */
    public Set<String> services() {
        Set<String> services = new TreeSet<>();
        drivers.forEach(driver -> services.addAll(driver.services()));
        return services;
    }

    /** The protocol names of the installed drivers. */
    public List<String> names() {
        return drivers.stream().map(GattDriver::protocol).sorted().toList();
    }
}
