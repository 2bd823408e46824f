package io.wardgate.ble.bluez;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

/** What VariantsFuzzTest found, pinned: values over the bounds, and objects no D-Bus message carries, are dropped. */
class VariantsTest {

    @Test
    void valuesOverTheBoundsAndNonDbusTypesAreDropped() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("Name", new Variant<>("x".repeat(Variants.MAX_STRING + 1)));
        properties.put("Alias", new Variant<>("Thermometer"));
        properties.put("Value", new Variant<>(new byte[Variants.MAX_BYTES + 1]));
        properties.put("UUIDs", Collections.nCopies(Variants.MAX_ITEMS + 1, "0000180d-0000-1000-8000-00805f9b34fb"));
        properties.put("ManufacturerData", Map.of(new UInt16(0x004c), new Variant<>(new byte[] {1, 2, 3})));
        properties.put("Device", new DBusPath("/org/bluez/hci0/dev_C0_FF_EE_00_00_09"));
        properties.put("Odd", List.of(Thread.currentThread(), "kept"));

        Map<String, Object> plain = Variants.plainMap(properties);

        assertThat(plain.get("Name")).isNull();
        assertThat(plain.get("Alias")).isEqualTo("Thermometer");
        assertThat(plain.get("Value")).isNull();
        assertThat(plain.get("UUIDs")).isNull();
        assertThat(plain.get("ManufacturerData")).isInstanceOfSatisfying(Map.class,
                data -> assertThat(data.values()).singleElement().isInstanceOf(byte[].class));
        assertThat(plain.get("Device")).isEqualTo("/org/bluez/hci0/dev_C0_FF_EE_00_00_09");
        assertThat(plain.get("Odd")).isEqualTo(java.util.Arrays.asList(null, "kept"));
    }

    @Test
    void aDictionaryWithMorePropertiesThanTheBoundIsDroppedWhole() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i <= Variants.MAX_ITEMS; i++) {
            properties.put("P" + i, new Variant<>(i));
        }
        assertThat(Variants.plainMap(properties)).isEmpty();
    }
}
