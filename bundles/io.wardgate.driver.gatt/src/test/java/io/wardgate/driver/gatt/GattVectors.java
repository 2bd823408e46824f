package io.wardgate.driver.gatt;

import io.wardgate.api.Observation;
import io.wardgate.api.driver.GattResult;
import java.time.Instant;
import java.util.HexFormat;

/** Helpers for the vector tests. */
final class GattVectors {
    static final Instant RECEIVED = Instant.parse("2026-11-29T08:00:00Z");

    private GattVectors() {
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    static GattResult.GattMeasurement measurement(String uuid, String spacedHex) {
        GattResult result = GattDecoders.decode(uuid, hex(spacedHex), RECEIVED);
        if (result instanceof GattResult.GattMeasurement measurement) {
            return measurement;
        }
        throw new AssertionError("expected a measurement, got " + result);
    }

    static GattResult.GattError error(String uuid, String spacedHex) {
        GattResult result = GattDecoders.decode(uuid, hex(spacedHex), RECEIVED);
        if (result instanceof GattResult.GattError error) {
            return error;
        }
        throw new AssertionError("expected an error, got " + result);
    }

    static String value(Observation observation) {
        return observation.value() == null ? null : observation.value().toString();
    }
}
