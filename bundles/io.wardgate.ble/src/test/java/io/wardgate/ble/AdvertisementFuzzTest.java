package io.wardgate.ble;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wardgate.api.DeviceSighting;
import io.wardgate.ble.bluez.BluezBus;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * S10 for advertisements and Device1 properties as the driver keeps and reads them (after the D-Bus
 * seam, see bluez.VariantsFuzzTest): any address, address type, name, UUID list, RSSI of any numeric
 * type, manufacturer and service data, bonding flag, in InterfacesAdded and in PropertiesChanged, give
 * either no sighting (no valid address) or one whose details are within the policy's bounds; nothing
 * escapes. Corpus in src/test/resources/io/wardgate/ble/AdvertisementFuzzTestInputs/.
 */
class AdvertisementFuzzTest {
    private static final String DEVICE = "/org/bluez/hci0/dev_C0_FF_EE_00_00_09";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @FuzzTest(maxDuration = "30s")
    void advertisementsGiveABoundedSightingOrNone(FuzzedDataProvider data) {
        ObjectTree tree = new ObjectTree();
        tree.add(DEVICE, Map.of(BluezBus.DEVICE, properties(data)));
        check(tree.get(DEVICE, BluezBus.DEVICE));
        // Then a PropertiesChanged of the same kind, with some properties invalidated.
        Map<String, Object> changed = properties(data);
        List<String> invalidated = data.consumeBoolean() ? List.of("RSSI", "Name") : List.of();
        tree.update(DEVICE, BluezBus.DEVICE, changed, invalidated);
        check(tree.get(DEVICE, BluezBus.DEVICE));
    }

    private static void check(Map<String, Object> device) {
        Optional<String> address = Sightings.address(device);
        if (address.isEmpty()) {
            return;
        }
        assertThat(address.get()).matches("[0-9A-F]{2}(:[0-9A-F]{2}){5}");
        DeviceSighting sighting = Sightings.sighting(address.get(), device, BleFixture.LOCATION, Instant.EPOCH);
        Map<String, String> details = sighting.details();
        assertThat(details.get("addressType")).isIn("public", "random", "unknown");
        assertThat(details.get("bonded")).isIn("true", "false");
        assertThat(details.get("name")).hasSizeLessThanOrEqualTo(64).matches("[\\x20-\\x7E]*");
        String uuids = details.get("uuids");
        assertThat(uuids.length()).isLessThanOrEqualTo(Sightings.MAX_UUIDS_TEXT);
        if (!uuids.isEmpty()) {
            assertThat(uuids.split(",", -1)).allSatisfy(uuid -> assertThat(uuid).matches(UUID));
        }
        if (details.containsKey("rssi")) {
            assertThat(Integer.parseInt(details.get("rssi"))).isBetween(-127, 127);
        }
    }

    /** Device1 properties of the plain types the seam hands on, each present or not, well-formed or not. */
    private static Map<String, Object> properties(FuzzedDataProvider data) {
        Map<String, Object> props = new LinkedHashMap<>();
        if (data.consumeBoolean()) {
            props.put("Address", data.consumeBoolean() ? "c0:ff:ee:00:00:09" : data.consumeString(40));
        }
        if (data.consumeBoolean()) {
            props.put("AddressType", data.consumeBoolean() ? "random" : anyValue(data));
        }
        if (data.consumeBoolean()) {
            props.put("Name", data.consumeString(1024));
        }
        if (data.consumeBoolean()) {
            List<Object> uuids = new ArrayList<>();
            int count = data.consumeInt(0, 128);
            for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
                uuids.add(data.consumeBoolean() ? "0000180" + Integer.toHexString(data.consumeInt(0, 15))
                        + "-0000-1000-8000-00805F9B34FB" : anyValue(data));
            }
            props.put("UUIDs", uuids);
        }
        if (data.consumeBoolean()) {
            props.put("RSSI", switch (data.consumeInt(0, 4)) {
                case 0 -> data.consumeShort();
                case 1 -> data.consumeLong();
                case 2 -> data.consumeDouble();
                case 3 -> new BigInteger(1, data.consumeBytes(9));
                default -> anyValue(data);
            });
        }
        if (data.consumeBoolean()) {
            Map<Object, Object> manufacturer = new LinkedHashMap<>();
            manufacturer.put(data.consumeInt(0, 65535), data.consumeBytes(data.consumeInt(0, 2048)));
            props.put("ManufacturerData", manufacturer);
        }
        if (data.consumeBoolean()) {
            props.put("ServiceData", Map.of(data.consumeString(40), anyValue(data)));
        }
        if (data.consumeBoolean()) {
            props.put(data.consumeBoolean() ? "Bonded" : "Paired", anyValue(data));
        }
        if (data.consumeBoolean()) {
            props.put("TxPower", anyValue(data));
        }
        return props;
    }

    private static Object anyValue(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 5)) {
            case 0 -> data.consumeString(64);
            case 1 -> data.consumeBytes(64);
            case 2 -> data.consumeBoolean();
            case 3 -> data.consumeInt();
            case 4 -> List.of(data.consumeString(16));
            default -> Map.of("k", data.consumeString(16));
        };
    }
}
