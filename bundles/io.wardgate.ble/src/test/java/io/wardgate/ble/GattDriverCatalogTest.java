package io.wardgate.ble;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.driver.GattDriver;
import io.wardgate.api.driver.GattResult;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The BLE side finds the driver of a characteristic among the GATT drivers installed right now. */
class GattDriverCatalogTest {

    /** A second driver claiming the heart-rate characteristic, and one of its own. */
    private static final GattDriver OTHER = new GattDriver() {
        @Override
        public String protocol() {
            return "other";
        }

        @Override
        public String description() {
            return "test driver";
        }

        @Override
        public Set<String> characteristics() {
            return Set.of("2A37", "FFF1");
        }

        @Override
        public Set<String> services() {
            return Set.of("FFF0");
        }

        @Override
        public GattResult decode(String characteristic, byte[] value, Instant receivedAt, ZoneId deviceZone) {
            return new GattResult.GattError(characteristic, "test", "value", "not decoded");
        }
    };

    @Test
    void findsTheDriverByAnyUuidFormAndTheFirstInstalledWins() {
        GattDriverCatalog catalog = GattDriverCatalog.of(BleFixture.GATT, OTHER);
        assertThat(catalog.forCharacteristic("00002a37-0000-1000-8000-00805f9b34fb")).containsSame(BleFixture.GATT);
        assertThat(catalog.forCharacteristic("0xfff1")).containsSame(OTHER);
        assertThat(catalog.forCharacteristic("2A19")).isEmpty();
        assertThat(catalog.forCharacteristic("not a uuid")).isEmpty();
        assertThat(catalog.services()).contains("180D", "1822", "FFF0");
        assertThat(catalog.names()).containsExactly("gatt", "other");
    }

    @Test
    void driversComeAndGo() {
        GattDriverCatalog catalog = GattDriverCatalog.of();
        assertThat(catalog.forCharacteristic("2A37")).isEmpty();
        assertThat(catalog.services()).isEmpty();
        catalog.addDriver(OTHER);
        assertThat(catalog.forCharacteristic("2A37")).containsSame(OTHER);
        catalog.addDriver(BleFixture.GATT);
        catalog.removeDriver(OTHER);
        assertThat(catalog.forCharacteristic("2A37")).containsSame(BleFixture.GATT);
    }
}
