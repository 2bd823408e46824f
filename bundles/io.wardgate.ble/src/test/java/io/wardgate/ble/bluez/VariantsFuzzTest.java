package io.wardgate.ble.bluez;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;

/**
 * S10 for D-Bus values as they reach io.wardgate.ble: property dictionaries of any shape (names,
 * manufacturer data a{qv}, service data a{sv}, UUID lists, RSSI of any numeric type, object paths,
 * nesting beyond BlueZ's, sizes beyond the bounds) become plain values within {@link Variants}' bounds,
 * or are dropped; nothing escapes. Corpus in src/test/resources/io/wardgate/ble/bluez/VariantsFuzzTestInputs/,
 * replayed in every build under io.wardgate.testkit.FuzzInputBounds; JAZZER_FUZZ=1 fuzzes.
 */
class VariantsFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void propertiesBecomeBoundedPlainValuesOrAreDropped(FuzzedDataProvider data) {
        Map<String, Object> properties = new LinkedHashMap<>();
        int count = data.consumeBoolean() ? data.consumeInt(0, 4 * Variants.MAX_ITEMS) : data.consumeInt(0, 12);
        for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
            String name = data.consumeBoolean() ? PROPERTY_NAMES[data.consumeInt(0, PROPERTY_NAMES.length - 1)]
                    : data.consumeString(data.consumeInt(0, 2 * Variants.MAX_STRING));
            properties.put(name, value(data, 0));
        }
        Map<String, Object> plain = Variants.plainMap(properties);
        assertThat(plain.size()).isLessThanOrEqualTo(Variants.MAX_ITEMS);
        plain.forEach((name, value) -> {
            assertThat(name.length()).isLessThanOrEqualTo(Variants.MAX_STRING);
            assertBounded(value, 0);
        });
    }

    private static final String[] PROPERTY_NAMES = {"Address", "AddressType", "Name", "Alias", "UUIDs", "RSSI",
        "TxPower", "ManufacturerData", "ServiceData", "Paired", "Bonded", "Connected", "ServicesResolved", "Value",
        "Flags", "UUID", "Device", "Powered", "Discovering"};

    /** A value of any type a D-Bus message can carry, and some it cannot, nested up to 8 levels. */
    private static Object value(FuzzedDataProvider data, int depth) {
        int kind = depth > 8 || data.remainingBytes() < 2 ? data.consumeInt(0, 7) : data.consumeInt(0, 13);
        return switch (kind) {
            case 0 -> data.consumeString(data.consumeInt(0, 3 * Variants.MAX_STRING));
            case 1 -> data.consumeBytes(data.consumeInt(0, 3 * Variants.MAX_BYTES));
            case 2 -> data.consumeBoolean();
            case 3 -> data.consumeShort();
            case 4 -> new UInt64(data.consumeLong() & Long.MAX_VALUE);
            case 5 -> new UInt16(data.consumeInt(0, 65535));
            case 6 -> data.consumeDouble();
            case 7 -> new DBusPath("/org/bluez/hci0/" + data.consumeAsciiString(data.consumeInt(0, 2 * Variants.MAX_STRING)));
            case 8 -> repeatedBytes(data);
            case 9 -> list(data, depth);
            case 10 -> list(data, depth).toArray();
            case 11 -> map(data, depth);
            case 12 -> new Variant<>(data.consumeString(data.consumeInt(0, 2 * Variants.MAX_STRING)));
            default -> new Object[] {Thread.currentThread()}; // no D-Bus type: must be dropped, not passed on
        };
    }

    /** "ay" as a List of Byte or a Byte[], possibly longer than the bound. */
    private static Object repeatedBytes(FuzzedDataProvider data) {
        int length = data.consumeInt(0, 3 * Variants.MAX_BYTES);
        List<Byte> bytes = new ArrayList<>(length);
        byte fill = data.consumeByte();
        for (int i = 0; i < length; i++) {
            bytes.add(fill);
        }
        return data.consumeBoolean() ? bytes : bytes.toArray(Byte[]::new);
    }

    private static List<Object> list(FuzzedDataProvider data, int depth) {
        int length = data.consumeBoolean() ? data.consumeInt(0, 3 * Variants.MAX_ITEMS) : data.consumeInt(0, 6);
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            list.add(data.remainingBytes() > 0 ? value(data, depth + 1) : "");
        }
        return list;
    }

    private static Map<Object, Object> map(FuzzedDataProvider data, int depth) {
        int length = data.consumeBoolean() ? data.consumeInt(0, 3 * Variants.MAX_ITEMS) : data.consumeInt(0, 6);
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < length; i++) {
            Object key = data.consumeBoolean() ? (Object) new UInt16(data.consumeInt(0, 65535))
                    : data.consumeString(40) + i;
            map.put(key, data.remainingBytes() > 0 ? value(data, depth + 1) : new byte[0]);
        }
        return map;
    }

    private static void assertBounded(Object value, int depth) {
        assertThat(depth).isLessThanOrEqualTo(Variants.MAX_DEPTH + 1);
        if (value == null || value instanceof Boolean || value instanceof Number) {
            return;
        }
        if (value instanceof String text) {
            assertThat(text.length()).isLessThanOrEqualTo(Variants.MAX_STRING);
        } else if (value instanceof byte[] bytes) {
            assertThat(bytes.length).isLessThanOrEqualTo(Variants.MAX_BYTES);
        } else if (value instanceof List<?> list) {
            assertThat(list.size()).isLessThanOrEqualTo(Variants.MAX_ITEMS);
            list.forEach(item -> assertBounded(item, depth + 1));
        } else if (value instanceof Map<?, ?> map) {
            assertThat(map.size()).isLessThanOrEqualTo(Variants.MAX_ITEMS);
            map.forEach((k, v) -> {
                assertBounded(k, depth + 1);
                assertBounded(v, depth + 1);
            });
        } else {
            throw new AssertionError("not a plain value past the seam: " + value.getClass().getName());
        }
    }
}
