package io.wardgate.ble;

import io.wardgate.api.Location;
import io.wardgate.api.pipeline.DevicePolicy;
import io.wardgate.api.pipeline.ReadingIntake;
import io.wardgate.ble.bluez.DbusJavaBluez;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The BLE driver as a component. It starts only once configured (Bluetooth stays off on a gateway
 * nobody set up for it), and restarts on a configuration change. GATT drivers may be installed
 * before or after it: it subscribes to what the drivers installed at the time decode.
 */
@Component(configurationPid = "io.wardgate.ble.Bluetooth", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = BluetoothConfig.class)
public final class BluetoothComponent {
    private final BleGateway gateway;

    @Activate
    public BluetoothComponent(@Reference DevicePolicy policy, @Reference ReadingIntake intake,
            @Reference GattDriverCatalog drivers, BluetoothConfig config) {
        gateway = new BleGateway(settings(config), drivers, DbusJavaBluez::open, policy, intake, Clock.systemUTC());
        gateway.start();
    }

    @Deactivate
    void deactivate() {
        gateway.stop();
    }

    static BleSettings settings(BluetoothConfig config) {
        Integer rssi = config.rssiThreshold() <= -127 ? null : config.rssiThreshold();
        ZoneId zone = config.deviceTimeZone().isBlank() ? ZoneId.systemDefault() : ZoneId.of(config.deviceTimeZone());
        return new BleSettings(config.busAddress().trim(), config.adapter().trim(),
                new Location(config.site(), config.ward(), config.bed()),
                List.of(config.services()), rssi,
                Duration.ofSeconds(config.reconnectMinSeconds()), Duration.ofSeconds(config.reconnectMaxSeconds()),
                Duration.ofSeconds(config.admissionRecheckSeconds()), Duration.ofSeconds(1), zone);
    }
}
