package io.wardgate.network;

import io.wardgate.api.driver.DeviceDriver;
import io.wardgate.api.driver.NetworkDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The network drivers installed now, by their {@value DeviceDriver#PROTOCOL} property (services without
 * it are ignored). Sources wait on it for their driver (woken when one is added); the first driver of a
 * name serves.
 */
@Component(service = NetworkDrivers.class)
public final class NetworkDrivers {
    private record Named(String name, NetworkDriver driver) {
    }

    private final List<Named> installed = new ArrayList<>();
    private boolean woken;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + DeviceDriver.PROTOCOL + "=*)")
    synchronized void addDriver(NetworkDriver driver, Map<String, Object> properties) {
        installed.add(new Named(String.valueOf(properties.get(DeviceDriver.PROTOCOL)), driver));
        notifyAll();
    }

    synchronized void removeDriver(NetworkDriver driver, Map<String, Object> properties) {
        installed.removeIf(n -> n.driver() == driver);
    }

    /** Registers a driver outside OSGi (tests). */
    static NetworkDrivers of(NetworkDriver... drivers) {
        NetworkDrivers catalog = new NetworkDrivers();
        for (NetworkDriver driver : drivers) {
            catalog.addDriver(driver, Map.of(DeviceDriver.PROTOCOL, driver.protocol()));
        }
        return catalog;
    }

    synchronized Optional<NetworkDriver> find(String protocol) {
        return installed.stream().filter(n -> n.name().equals(protocol)).map(Named::driver).findFirst();
    }

    /**
     * The driver of that name, waiting until one is added or {@code millis} have passed (or {@link #wake()}
     * is called): empty when none came.
     */
    synchronized Optional<NetworkDriver> await(String protocol, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        Optional<NetworkDriver> driver = find(protocol);
        for (long left = millis; driver.isEmpty() && left > 0; left = (deadline - System.nanoTime()) / 1_000_000L) {
            wait(left);
            driver = find(protocol);
            if (woken) {
                break;
            }
        }
        woken = false;
        return driver;
    }

    /** Ends the waits in progress (a source stopping). */
    synchronized void wake() {
        woken = true;
        notifyAll();
    }

    synchronized String names() {
        TreeSet<String> names = new TreeSet<>();
        installed.forEach(n -> names.add(n.name()));
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }
}
