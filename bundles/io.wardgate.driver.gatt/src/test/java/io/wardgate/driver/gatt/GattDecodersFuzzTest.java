package io.wardgate.driver.gatt;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wardgate.api.Observation;
import io.wardgate.api.driver.GattResult;
import java.time.Instant;

/**
 * One fuzz target per characteristic decoder. The normal test run replays the checked-in corpus in
 * src/test/resources/io/wardgate/driver/gatt/GattDecodersFuzzTestInputs/&lt;method&gt;/ (the spec vectors,
 * truncations and bit flips); JAZZER_FUZZ=1 fuzzes for real. Invariants: nothing is thrown, the answer
 * is a measurement or an error naming a field, the output is bounded by the input, and decoding is
 * deterministic.
 */
class GattDecodersFuzzTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-29T08:00:00Z");

    @FuzzTest(maxDuration = "30s")
    void heartRate(byte[] value) {
        check("2A37", value);
    }

    @FuzzTest(maxDuration = "30s")
    void temperature(byte[] value) {
        check("2A1C", value);
    }

    @FuzzTest(maxDuration = "30s")
    void bloodPressure(byte[] value) {
        check("2A35", value);
    }

    @FuzzTest(maxDuration = "30s")
    void plxSpotCheck(byte[] value) {
        check("2A5E", value);
    }

    @FuzzTest(maxDuration = "30s")
    void plxContinuous(byte[] value) {
        check("2A5F", value);
    }

    @FuzzTest(maxDuration = "30s")
    void glucose(byte[] value) {
        check("2A18", value);
    }

    @FuzzTest(maxDuration = "30s")
    void weight(byte[] value) {
        check("2A9D", value);
    }

    // Plain checks rather than AssertJ: the fuzzer instruments every class the target touches.
    private static void check(String uuid, byte[] value) {
        GattResult result = GattDecoders.decode(uuid, value, RECEIVED);
        require(result.characteristic().equals(uuid), "characteristic echoed");
        if (result instanceof GattResult.GattError error) {
            require(!error.field().isBlank(), "an error names a field");
            require(!error.message().isBlank() && error.message().length() < 300, "a short message");
        } else {
            GattResult.GattMeasurement measurement = (GattResult.GattMeasurement) result;
            // At most one reading per two bytes (RR intervals are the densest field).
            require(measurement.observations().size() <= value.length / 2 + 1, "readings bounded by input");
            for (Observation observation : measurement.observations()) {
                boolean noValue = observation.status().stream().anyMatch(flag -> flag.meansNoValue());
                require((observation.value() == null) == noValue, "a value or a status saying why not");
                require(observation.receivedAt().equals(RECEIVED), "receivedAt kept");
            }
        }
        require(result.toString().length() < 2000 + 400 * value.length, "result bounded by input");
        require(GattDecoders.decode(uuid, value, RECEIVED).equals(result), "deterministic");
    }

    private static void require(boolean holds, String invariant) {
        if (!holds) {
            throw new AssertionError("invariant broken: " + invariant);
        }
    }
}
