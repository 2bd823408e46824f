package io.wardgate.serial;

import io.wardgate.api.driver.DeviceDriver;
import io.wardgate.api.driver.SerialDriver;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serial drivers installed right now, by the protocol name of their {@value DeviceDriver#PROTOCOL}
 * service property: ports look their driver up here, and wait here while it is missing. Only
 * services with that property count (a ServiceLoader mediator may register the same classes without
 * it). Two drivers with one name: the first serves, the second takes over when the first goes.
 */
@Component(service = SerialDriverCatalog.class)
public final class SerialDriverCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(SerialDriverCatalog.class);

    private final Object lock = new Object();
    private final Map<String, Deque<SerialDriver>> drivers = new TreeMap<>();
    private long generation;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + DeviceDriver.PROTOCOL + "=*)")
    void addDriver(SerialDriver driver, Map<String, Object> properties) {
        String name = String.valueOf(properties.get(DeviceDriver.PROTOCOL));
        synchronized (lock) {
            Deque<SerialDriver> named = drivers.computeIfAbsent(name, n -> new ArrayDeque<>());
            named.addLast(driver);
            if (named.size() > 1) {
                LOG.warn("two serial drivers for protocol '{}'; the first one installed serves", name);
            }
            changed();
        }
    }

    void removeDriver(SerialDriver driver, Map<String, Object> properties) {
        String name = String.valueOf(properties.get(DeviceDriver.PROTOCOL));
        synchronized (lock) {
            Deque<SerialDriver> named = drivers.get(name);
            if (named != null && named.remove(driver)) {
                if (named.isEmpty()) {
                    drivers.remove(name);
                }
                changed();
            }
        }
    }

    /** The driver serving {@code protocol} now, if one is installed. */
    public Optional<SerialDriver> find(String protocol) {
        synchronized (lock) {
            Deque<SerialDriver> named = drivers.get(protocol);
            return named == null ? Optional.empty() : Optional.of(named.getFirst());
        }
    }

    /** The protocol names installed, sorted. */
    public List<String> names() {
        synchronized (lock) {
            return List.copyOf(drivers.keySet());
        }
    }

    /** Counts changes; pass it to {@link #awaitChange} to wait for the next one. */
    public long generation() {
        synchronized (lock) {
            return generation;
        }
    }

    /**
     * Waits until a driver came or went after {@code seen} (a value of {@link #generation()}), or at
     * most {@code max}. Returns whether something changed.
     */
    public boolean awaitChange(long seen, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (lock) {
            while (generation == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    private void changed() {
        generation++;
        lock.notifyAll();
    }
}
