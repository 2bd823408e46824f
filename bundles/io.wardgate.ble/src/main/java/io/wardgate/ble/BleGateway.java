package io.wardgate.ble;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.driver.GattUuids;
import io.wardgate.api.pipeline.Admission;
import io.wardgate.api.pipeline.DevicePolicy;
import io.wardgate.api.pipeline.ReadingIntake;
import io.wardgate.ble.bluez.BluezBus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BLE driver. It keeps BlueZ where WardGate wants it, level-triggered: every signal and every tick
 * compares BlueZ's object tree with the goal (adapter powered and discovering with our filter; every
 * device the policy allows connected with its health characteristics notifying) and issues the calls
 * that close the gap. Devices the policy does not allow are reported to it and never connected.
 *
 * <p>Threads: all state is owned by one event thread; D-Bus calls, which block, run on a small pool
 * and post their outcome back. Nothing thrown by BlueZ, a device or the policy stops the event thread.
 */
public final class BleGateway implements BluezBus.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(BleGateway.class);
    /** Properties that change with every advertisement or notification and need no reconciliation. */
    private static final Set<String> NOISE = Set.of("Value", "RSSI", "TxPower", "ManufacturerData", "ServiceData");

    private final BleSettings settings;
    private final BluezBus.Connector connector;
    private final DevicePolicy policy;
    private final ReadingIntake intake;
    private final Clock clock;
    private final EventLoop loop = new EventLoop("wardgate-ble", 2);
    private final Notifications notifications;
    private final GattDriverCatalog drivers;

    // Owned by the event thread.
    private final ObjectTree tree = new ObjectTree();
    private final Map<String, DeviceState> devices = new HashMap<>();
    private BluezBus bus;
    private int busFailures;
    private Instant nextBusAttempt = Instant.MIN;
    private boolean ownerQueried;
    private String owner;
    private boolean treeLoaded;
    private boolean filterApplied;
    private Instant nextAdapterAttempt = Instant.MIN;
    private long foreignSignals;
    private Set<String> uncovered = Set.of();

    public BleGateway(BleSettings settings, GattDriverCatalog drivers, BluezBus.Connector connector,
            DevicePolicy policy, ReadingIntake intake, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.drivers = Objects.requireNonNull(drivers, "drivers");
        this.notifications = new Notifications(settings, drivers, intake, clock);
    }

    public void start() {
        loop.every(settings.tick(), this::reconcile);
    }

    /** Lets go of the devices it connected and closes the D-Bus connection (BlueZ then ends our discovery). */
    public void stop() {
        loop.stop(() -> {
            if (bus == null) {
                return;
            }
            for (DeviceState device : devices.values()) {
                if (device.connectedByUs) {
                    try {
                        bus.disconnect(device.path);
                    } catch (RuntimeException e) {
                        LOG.info("could not disconnect {} on stop: {}", device.identity.id(), e.getMessage());
                    }
                }
            }
            bus.close();
            bus = null;
        }, Duration.ofSeconds(5));
    }

    // ---- BlueZ signals (dbus-java's signal thread): checked for their sender, then handled in order.

    @Override
    public void interfacesAdded(String sender, String path, Map<String, Map<String, Object>> interfaces) {
        loop.post(() -> {
            if (fromBluez(sender)) {
                tree.add(path, interfaces);
                if (interfaces.containsKey(BluezBus.DEVICE)) {
                    devices.remove(path); // came back: ask the policy afresh, try to connect at once
                }
                if (interfaces.containsKey(BluezBus.ADAPTER) && path.equals(settings.adapterPath())) {
                    filterApplied = false; // an adapter reset gives a new adapter object
                }
                reconcile();
            }
        });
    }

    @Override
    public void interfacesRemoved(String sender, String path, List<String> interfaces) {
        loop.post(() -> {
            if (fromBluez(sender)) {
                tree.remove(path, interfaces);
                if (interfaces.contains(BluezBus.DEVICE)) {
                    DeviceState gone = devices.remove(path);
                    if (gone != null) {
                        disconnected(gone, "removed by BlueZ");
                    }
                }
                if (interfaces.contains(BluezBus.ADAPTER) && path.equals(settings.adapterPath())) {
                    filterApplied = false;
                    LOG.warn("BLE adapter {} went away", settings.adapter());
                }
            }
        });
    }

    @Override
    public void propertiesChanged(String sender, String path, String iface, Map<String, Object> changed,
            List<String> invalidated) {
        loop.post(() -> {
            if (!fromBluez(sender)) {
                return;
            }
            if (BluezBus.GATT_CHARACTERISTIC.equals(iface) && changed.get("Value") instanceof byte[] value) {
                notification(path, value);
            }
            tree.update(path, iface, changed, invalidated);
            if (BluezBus.DEVICE.equals(iface)) {
                deviceChanged(path, changed);
            } else if (BluezBus.ADAPTER.equals(iface) && Boolean.FALSE.equals(changed.get("Powered"))) {
                filterApplied = false; // powered off (rfkill, reset): the filter and discovery are gone
                LOG.warn("BLE adapter {} powered off", settings.adapter());
            }
            // Advertising churn (RSSI etc. on every advertisement) waits for the next tick.
            if (!NOISE.containsAll(changed.keySet()) || !invalidated.isEmpty()) {
                reconcile();
            }
        });
    }

    @Override
    public void bluezOwnerChanged(String newOwner) {
        loop.post(() -> {
            if (bus == null) {
                return;
            }
            resetBluez(newOwner.isEmpty() ? "bluetoothd left the bus" : "bluetoothd (re)started");
            ownerQueried = true;
            owner = newOwner.isEmpty() ? null : newOwner;
            reconcile();
        });
    }

    @Override
    public void busLost(String reason) {
        loop.post(() -> {
            if (bus == null) {
                return;
            }
            LOG.warn("D-Bus connection lost ({}); reconnecting", reason);
            BluezBus lost = bus;
            bus = null;
            loop.background(lost::close);
            resetBluez("D-Bus connection lost");
            nextBusAttempt = clock.instant().plus(settings.reconnectMin());
        });
    }

    // ---- reconciliation (event thread)

    private void reconcile() {
        Instant now = clock.instant();
        warnUncoveredServices();
        if (bus == null) {
            openBus(now);
            return;
        }
        if (!ownerQueried) {
            loop.call("owner", bus::bluezOwner, found -> {
                ownerQueried = true;
                owner = found.orElse(null);
                if (owner == null) {
                    LOG.warn("BlueZ (org.bluez) is not on the bus; waiting for bluetoothd");
                }
                reconcile();
            }, e -> LOG.warn("cannot ask for org.bluez's owner: {}", e.getMessage()));
            return;
        }
        if (owner == null) {
            return;
        }
        if (!treeLoaded) {
            loop.call("load", bus::managedObjects, objects -> {
                tree.replace(objects);
                treeLoaded = true;
                LOG.info("BlueZ object tree loaded: {} objects", objects.size());
                reconcile();
            }, e -> LOG.warn("GetManagedObjects failed: {}", e.getMessage()));
            return;
        }
        if (adapterReady(now)) {
            for (String path : tree.pathsWith(BluezBus.DEVICE, settings.adapterPath())) {
                reconcileDevice(path, now);
            }
        }
    }

    private boolean adapterReady(Instant now) {
        String adapterPath = settings.adapterPath();
        Map<String, Object> adapter = tree.get(adapterPath, BluezBus.ADAPTER);
        if (adapter == null) {
            return false;
        }
        if (!ObjectTree.bool(adapter, "Powered")) {
            if (!now.isBefore(nextAdapterAttempt)) {
                nextAdapterAttempt = now.plus(settings.reconnectMin());
                run("power", () -> bus.setPowered(adapterPath, true), () -> LOG.info("BLE adapter {} powered on",
                        settings.adapter()));
            }
            return false;
        }
        if (!filterApplied) {
            run("filter", () -> bus.setDiscoveryFilter(adapterPath, fullUuids(), "le", settings.rssiThreshold()),
                    () -> {
                        filterApplied = true;
                        nextAdapterAttempt = Instant.MIN;
                        reconcile();
                    });
        } else if (!ObjectTree.bool(adapter, "Discovering") && !now.isBefore(nextAdapterAttempt)) {
            nextAdapterAttempt = now.plus(settings.reconnectMin());
            run("discovery", () -> bus.startDiscovery(adapterPath), () -> LOG.info("BLE discovery started on {}",
                    settings.adapter()));
        }
        return true;
    }

    private void reconcileDevice(String path, Instant now) {
        Map<String, Object> props = tree.get(path, BluezBus.DEVICE);
        Optional<String> address = Sightings.address(props);
        if (address.isEmpty()) {
            return;
        }
        DeviceState device = devices.computeIfAbsent(path, p -> new DeviceState(p, Sightings.identity(address.get())));
        boolean connected = ObjectTree.bool(props, "Connected");
        if (device.admission == null || !now.isBefore(device.nextAdmission)) {
            admit(device, props, now); // allowed ones too: an approval can be revoked
        }
        if (!device.allowed()) {
            if (connected && device.connectedByUs) {
                device.connectedByUs = false; // revoked while connected: let go of it
                run("disconnect:" + path, () -> bus.disconnect(path), () -> { });
            }
            return;
        }
        if (!connected) {
            if (!loop.inFlight("connect:" + path) && !now.isBefore(device.nextConnect)) {
                admit(device, props, now); // ask again right before connecting: approval may have been revoked
                if (device.allowed()) {
                    connect(device, now);
                }
            }
            return;
        }
        if (ObjectTree.bool(props, "ServicesResolved")) {
            subscribe(device, now);
        }
    }

    private void admit(DeviceState device, Map<String, Object> props, Instant now) {
        Admission admission;
        try {
            admission = policy.admit(Sightings.sighting(device.identity.address(), props, settings.location(), now));
        } catch (RuntimeException e) {
            LOG.error("device policy failed for {}; treating it as pending", device.identity.id(), e);
            admission = null;
        }
        if (admission == null) {
            admission = Admission.pending("policy gave no answer");
        }
        if (device.admission == null || device.admission.verdict() != admission.verdict()) {
            LOG.info("BLE device {}: {} ({})", device.identity.id(), admission.verdict(), admission.reason());
        }
        device.admission = admission;
        device.nextAdmission = now.plus(settings.admissionRecheck());
    }

    private void connect(DeviceState device, Instant now) {
        device.connectedByUs = true;
        run("connect:" + device.path, () -> bus.connect(device.path), () -> {
            device.succeeded();
            // The reply can overtake the Connected signal: give the signal time before trying again.
            device.nextConnect = clock.instant().plus(settings.reconnectMin());
        }, e -> {
            device.connectedByUs = false;
            device.failed(now, settings.reconnectMin(), settings.reconnectMax());
            LOG.info("BLE connect to {} failed ({} in a row): {}", device.identity.id(), device.failures, e.getMessage());
        });
    }

    private void subscribe(DeviceState device, Instant now) {
        for (String path : tree.pathsWith(BluezBus.GATT_CHARACTERISTIC, device.path)) {
            Map<String, Object> props = tree.get(path, BluezBus.GATT_CHARACTERISTIC);
            if (!notifications.wanted(props) || device.notifying.contains(path)) {
                continue;
            }
            if (ObjectTree.bool(props, "Notifying")) {
                device.notifying.add(path);
                continue;
            }
            device.notifying.add(path); // until it fails: one StartNotify per connection
            run("notify:" + path, () -> bus.startNotify(path), () -> { }, e -> {
                device.notifying.remove(path);
                LOG.info("StartNotify on {} failed: {}", path, e.getMessage());
            });
        }
    }

    private void deviceChanged(String path, Map<String, Object> changed) {
        DeviceState device = devices.get(path);
        if (device == null || !device.allowed()) {
            return;
        }
        Instant now = clock.instant();
        if (Boolean.TRUE.equals(changed.get("Connected")) && !device.reportedConnected) {
            device.reportedConnected = true;
            report(device, DeviceEvent.Kind.CONNECTED, "BLE connected");
        } else if (Boolean.FALSE.equals(changed.get("Connected"))) {
            device.connectedByUs = false;
            device.nextConnect = now.plus(settings.reconnectMin());
            disconnected(device, "BLE disconnected");
        } else if (changed.containsKey("RSSI")) {
            device.retrySoon(now, settings.reconnectMin()); // it is advertising: it is in range again
        }
    }

    private void disconnected(DeviceState device, String detail) {
        device.notifying.clear();
        if (device.reportedConnected) {
            device.reportedConnected = false;
            report(device, DeviceEvent.Kind.DISCONNECTED, detail);
        }
    }

    private void notification(String path, byte[] value) {
        Map<String, Object> props = tree.get(path, BluezBus.GATT_CHARACTERISTIC);
        String devicePath = ObjectTree.string(props, "Device");
        DeviceState device = devices.get(devicePath.isEmpty() ? parent(parent(path)) : devicePath);
        if (device == null || !device.allowed() || props == null) {
            return; // not ours to read: only allowed devices' values are decoded
        }
        notifications.handle(device.identity, ObjectTree.string(props, "UUID"), value);
    }

    private void resetBluez(String why) {
        for (DeviceState device : devices.values()) {
            disconnected(device, why);
        }
        devices.clear();
        tree.clear();
        treeLoaded = false;
        filterApplied = false;
        ownerQueried = false;
        owner = null;
        nextAdapterAttempt = Instant.MIN;
        loop.newGeneration();
        LOG.info("BlueZ state reset: {}", why);
    }

    private void openBus(Instant now) {
        if (now.isBefore(nextBusAttempt)) {
            return;
        }
        loop.call("bus", () -> connector.open(settings.busAddress(), this), opened -> {
            bus = opened;
            busFailures = 0;
            loop.newGeneration();
            ownerQueried = false;
            LOG.info("connected to D-Bus {}", settings.busAddress().isEmpty() ? "(system bus)" : settings.busAddress());
            reconcile();
        }, e -> {
            busFailures = Math.min(busFailures + 1, 16);
            Duration delay = settings.reconnectMin().multipliedBy(1L << Math.min(busFailures - 1, 10));
            nextBusAttempt = clock.instant().plus(delay.compareTo(settings.reconnectMax()) > 0
                    ? settings.reconnectMax() : delay);
            LOG.warn("cannot connect to D-Bus (attempt {}): {}", busFailures, e.getMessage());
        });
    }

    // ---- plumbing

    private boolean fromBluez(String sender) {
        if (owner != null && owner.equals(sender)) {
            return true;
        }
        if (++foreignSignals % 100 == 1) {
            LOG.warn("ignored BlueZ-shaped signals not sent by org.bluez's owner ({} so far)", foreignSignals);
        }
        return false;
    }

    private void report(DeviceState device, DeviceEvent.Kind kind, String detail) {
        try {
            intake.report(new DeviceEvent(device.identity, kind, clock.instant(), detail));
        } catch (RuntimeException e) {
            LOG.error("reading intake refused a device event", e);
        }
    }

    private void run(String key, Runnable op, Runnable ok) {
        loop.run(key, op, ok, e -> LOG.warn("{} failed: {}", key, e.getMessage()));
    }

    private void run(String key, Runnable op, Runnable ok, Consumer<RuntimeException> failed) {
        loop.run(key, op, ok, failed);
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash > 0 ? path.substring(0, slash) : path;
    }

    /** Says once, and again whenever it changes, which configured services no installed GATT driver covers. */
    private void warnUncoveredServices() {
        Set<String> now = new TreeSet<>(settings.services());
        now.removeAll(drivers.services());
        if (!now.equals(uncovered)) {
            uncovered = now;
            if (!now.isEmpty()) {
                LOG.warn("no installed GATT driver decodes services {}: their devices are discovered but nothing is"
                        + " read from them (installed drivers: {})", now, drivers.names());
            }
        }
    }

    private List<String> fullUuids() {
        List<String> uuids = new ArrayList<>();
        settings.services().forEach(s -> uuids.add(GattUuids.fullUuid(s)));
        return uuids;
    }
}
