package io.wardgate.ble;

import static org.junit.jupiter.api.Assertions.fail;

import io.wardgate.api.Location;
import io.wardgate.api.driver.GattDriver;
import io.wardgate.ble.bluez.DbusJavaBluez;
import io.wardgate.sim.ble.FakeBluez;
import io.wardgate.sim.ble.PrivateBus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Assumptions;

/** A real dbus-daemon, a fake BlueZ on it and the gateway's real driver talking to it. */
final class BleFixture implements AutoCloseable {
    static final Location LOCATION = new Location("st-mary", "icu-3", "bed-7");
    /** The GATT driver bundle's driver, found as the decode tool finds it (META-INF/services). */
    static final GattDriver GATT = ServiceLoader.load(GattDriver.class).findFirst().orElseThrow();

    private final Path dir;
    PrivateBus bus;
    final FakeBluez bluez;
    final TestPolicy policy = new TestPolicy();
    final TestIntake intake = new TestIntake();
    private BleGateway gateway;

    BleFixture(Path dir) throws IOException {
        this.dir = dir;
        bus = PrivateBus.dbusDaemon(requireDbusDaemon(dir));
        bluez = FakeBluez.start(bus.address());
    }

    static BleSettings settings(String busAddress) {
        return new BleSettings(busAddress, "hci0", LOCATION, List.copyOf(GATT.services()).stream().sorted().toList(), -90,
                Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(100),
                ZoneOffset.UTC);
    }

    BleGateway startGateway() {
        gateway = new BleGateway(settings(bus.address()), GattDriverCatalog.of(GATT), DbusJavaBluez::open, policy, intake, Clock.systemUTC());
        gateway.start();
        return gateway;
    }

    /** The bus daemon itself restarts on the same socket; bluetoothd then comes back onto it. */
    void restartBus() throws IOException {
        bus.close();
        bus = PrivateBus.dbusDaemon(dir);
        bluez.restartDaemon();
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    /** dbus-daemon is needed: in CI its absence fails the test, elsewhere it skips it with the reason. */
    static Path requireDbusDaemon(Path dir) {
        if (!Files.isExecutable(PrivateBus.DBUS_DAEMON)) {
            String why = PrivateBus.DBUS_DAEMON + " is missing: apt-get install dbus-daemon";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        return dir;
    }

    @Override
    public void close() throws IOException {
        if (gateway != null) {
            gateway.stop();
        }
        bluez.close();
        bus.close();
    }
}
