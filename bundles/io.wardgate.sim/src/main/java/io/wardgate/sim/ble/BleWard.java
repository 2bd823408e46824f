package io.wardgate.sim.ble;

import io.wardgate.driver.gatt.sim.BleProfile;
import io.wardgate.driver.gatt.sim.BleValues;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A simulated ward of Bluetooth LE health devices behind a fake BlueZ: a heart-rate strap, a
 * thermometer, a blood-pressure cuff, a pulse oximeter and a scale, all bonded, each measuring at its
 * own pace once the gateway subscribed. The demo starts it with {@link #start(String)} on the bus the
 * gateway's BLE driver is configured for, or runs {@link #main} on a private bus.
 */
public final class BleWard implements AutoCloseable {
    public static final List<SimulatedBleDevice> DEVICES = List.of(
            new SimulatedBleDevice("C0:FF:EE:00:01:01", "Polar H10 sim", BleProfile.HEART_RATE_STRAP, true, -58),
            new SimulatedBleDevice("C0:FF:EE:00:01:02", "TD1241 thermometer sim", BleProfile.THERMOMETER, true, -66),
            new SimulatedBleDevice("C0:FF:EE:00:01:03", "UA-651BLE cuff sim", BleProfile.BLOOD_PRESSURE_CUFF, true, -61),
            new SimulatedBleDevice("C0:FF:EE:00:01:04", "Nonin 3230 sim", BleProfile.PULSE_OXIMETER, true, -55),
            new SimulatedBleDevice("C0:FF:EE:00:01:05", "UC-352BLE scale sim", BleProfile.WEIGHT_SCALE, true, -70));

    /** How often each profile measures, at speed 1. */
    private static final Map<BleProfile, Duration> PACE = Map.of(
            BleProfile.HEART_RATE_STRAP, Duration.ofSeconds(1),
            BleProfile.PULSE_OXIMETER, Duration.ofSeconds(1),
            BleProfile.THERMOMETER, Duration.ofSeconds(30),
            BleProfile.BLOOD_PRESSURE_CUFF, Duration.ofSeconds(60),
            BleProfile.WEIGHT_SCALE, Duration.ofSeconds(120),
            BleProfile.GLUCOSE_METER, Duration.ofSeconds(120));

    private final FakeBluez bluez;
    private final ScheduledExecutorService clock;

    private BleWard(FakeBluez bluez, List<SimulatedBleDevice> devices, double speed) {
        this.bluez = bluez;
        this.clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "wardgate-sim-ble-ward");
            thread.setDaemon(true);
            return thread;
        });
        long seed = 1;
        for (SimulatedBleDevice device : devices) {
            bluez.appear(device);
            BleValues values = new BleValues(seed++);
            long period = Math.max(50, (long) (PACE.get(device.profile()).toMillis() / speed));
            clock.scheduleAtFixedRate(() -> bluez.measure(device.address(),
                    values.next(device.profile(), LocalDateTime.now().withNano(0))), period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** The five-device ward on the bus at {@code busAddress}, measuring at the real pace. */
    public static BleWard start(String busAddress) {
        return start(busAddress, DEVICES, 1.0);
    }

    /** Given devices, measuring {@code speed} times faster than real (tests use 10 or more). */
    public static BleWard start(String busAddress, List<SimulatedBleDevice> devices, double speed) {
        return new BleWard(FakeBluez.start(busAddress), devices, speed);
    }

    /** The fake BlueZ behind the ward, to make devices vanish and return or bluetoothd restart. */
    public FakeBluez bluez() {
        return bluez;
    }

    @Override
    public void close() {
        clock.shutdownNow();
        bluez.close();
    }

    /**
     * Runs the ward until killed. {@code BleWard [busAddress]}: without an address it starts a private bus
     * (dbus-daemon when installed, else dbus-java's embedded daemon) and prints its address, which is the
     * value for the gateway's io.wardgate.ble.Bluetooth busAddress setting.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        PrivateBus bus = null;
        String address;
        if (args.length > 0) {
            address = args[0];
        } else {
            bus = PrivateBus.start(Files.createTempDirectory("wardgate-ble-ward"));
            address = bus.address();
        }
        BleWard ward = start(address);
        System.out.println("simulated BLE ward on " + address + " with " + DEVICES.size() + " bonded devices");
        CountDownLatch forever = new CountDownLatch(1);
        PrivateBus started = bus;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ward.close();
            try {
                if (started != null) {
                    started.close();
                }
            } catch (IOException e) {
                System.err.println("closing the private bus: " + e.getMessage());
            }
        }));
        forever.await();
    }

}
