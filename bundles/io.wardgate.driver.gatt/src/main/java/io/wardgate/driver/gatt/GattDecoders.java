package io.wardgate.driver.gatt;

import io.wardgate.api.driver.GattDriver;
import io.wardgate.api.driver.GattResult;
import io.wardgate.api.driver.GattUuids;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Decodes the values of the GATT health characteristics this bundle supports (the
 * {@link GattHealthDriver}'s implementation). Pure: no I/O, no state,
 * never throws for bad input (a malformed value is a {@link GattResult.GattError} naming the field).
 */
public final class GattDecoders {
    /** The most a characteristic value can hold (ATT: 512 bytes); anything longer is refused unread. */
    public static final int MAX_VALUE_LENGTH = GattDriver.MAX_VALUE_LENGTH;

    private record Decoder(String name, BiConsumer<byte[], Readings> body) {
    }

    private static final Map<String, Decoder> DECODERS = Map.of(
            HeartRateMeasurement.UUID, new Decoder(HeartRateMeasurement.NAME, HeartRateMeasurement::decode),
            TemperatureMeasurement.UUID, new Decoder(TemperatureMeasurement.NAME, TemperatureMeasurement::decode),
            BloodPressureMeasurement.UUID, new Decoder(BloodPressureMeasurement.NAME, BloodPressureMeasurement::decode),
            PlxSpotCheckMeasurement.UUID, new Decoder(PlxSpotCheckMeasurement.NAME, PlxSpotCheckMeasurement::decode),
            PlxContinuousMeasurement.UUID, new Decoder(PlxContinuousMeasurement.NAME, PlxContinuousMeasurement::decode),
            GlucoseMeasurement.UUID, new Decoder(GlucoseMeasurement.NAME, GlucoseMeasurement::decode),
            WeightMeasurement.UUID, new Decoder(WeightMeasurement.NAME, WeightMeasurement::decode));

    /** Service UUID (16-bit, upper-case hex) of each supported characteristic, from device-protocols.md. */
    private static final Map<String, String> SERVICES = Map.of(
            HeartRateMeasurement.UUID, "180D",
            TemperatureMeasurement.UUID, "1809",
            BloodPressureMeasurement.UUID, "1810",
            PlxSpotCheckMeasurement.UUID, "1822",
            PlxContinuousMeasurement.UUID, "1822",
            GlucoseMeasurement.UUID, "1808",
            WeightMeasurement.UUID, "181D");

    private GattDecoders() {
    }

    /** Decodes with the device's time stamps read as UTC. */
    public static GattResult decode(String uuid, byte[] value, Instant receivedAt) {
        return decode(uuid, value, receivedAt, ZoneOffset.UTC);
    }

    /**
     * Decodes one characteristic value.
     *
     * @param uuid the characteristic: "2A37", "0x2a37" or the full 128-bit form
     * @param value the value as received; not kept
     * @param receivedAt when the gateway received it
     * @param deviceZone the zone the device's clock runs in (GATT time stamps carry none)
     */
    public static GattResult decode(String uuid, byte[] value, Instant receivedAt, ZoneId deviceZone) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(deviceZone, "deviceZone");
        Optional<String> key = GattUuids.shortUuid(uuid);
        Decoder decoder = key.map(DECODERS::get).orElse(null);
        if (decoder == null) {
            String shown = uuid == null ? "null" : uuid.length() > 40 ? uuid.substring(0, 40) + "..." : uuid;
            return new GattResult.GattError(key.orElse("?"), "unknown", "uuid",
                    "unsupported characteristic '" + shown.replaceAll("[^\\x20-\\x7E]", "?") + "'; supported: "
                            + supportedCharacteristics());
        }
        String characteristic = key.get();
        if (value == null) {
            return new GattResult.GattError(characteristic, decoder.name, "value", "no value");
        }
        if (value.length > MAX_VALUE_LENGTH) {
            return new GattResult.GattError(characteristic, decoder.name, "value",
                    "too long: " + value.length + " bytes, a characteristic value holds at most " + MAX_VALUE_LENGTH);
        }
        Readings out = new Readings(characteristic, decoder.name, receivedAt, deviceZone);
        try {
            decoder.body.accept(value.clone(), out);
        } catch (Malformed malformed) {
            return new GattResult.GattError(characteristic, decoder.name, malformed.field(), malformed.getMessage());
        }
        return out.build();
    }

    /** The 16-bit UUIDs of the supported characteristics, sorted, e.g. "2A18". */
    public static List<String> supportedCharacteristics() {
        return DECODERS.keySet().stream().sorted().toList();
    }

    /** The 16-bit UUIDs of the services that hold them, sorted, e.g. "180D". */
    public static List<String> supportedServices() {
        return SERVICES.values().stream().distinct().sorted().toList();
    }

    /** Whether the characteristic (any accepted UUID form) is one this class decodes. */
    public static boolean supports(String uuid) {
        return GattUuids.shortUuid(uuid).map(DECODERS::containsKey).orElse(false);
    }
}
