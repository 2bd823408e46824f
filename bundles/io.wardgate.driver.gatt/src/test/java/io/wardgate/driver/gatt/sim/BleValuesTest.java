package io.wardgate.driver.gatt.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Observation;
import io.wardgate.api.driver.GattResult;
import io.wardgate.driver.gatt.GattDecoders;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the simulated devices send decodes cleanly and stays within believable ranges. */
class BleValuesTest {
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 29, 8, 30, 15);

    /** metric reference id -> [low, high] a resting adult on a ward stays within. */
    private static final Map<String, double[]> RANGES = Map.ofEntries(
            Map.entry("MDC_ECG_HEART_RATE", new double[] {50, 120}),
            Map.entry("MDC_ECG_TIME_PD_RR_GL", new double[] {0.5, 1.2}),
            Map.entry("MDC_TEMP_ORAL", new double[] {36.0, 38.5}),
            Map.entry("MDC_PRESS_BLD_NONINV_SYS", new double[] {100, 160}),
            Map.entry("MDC_PRESS_BLD_NONINV_DIA", new double[] {60, 100}),
            Map.entry("MDC_PRESS_BLD_NONINV_MEAN", new double[] {70, 125}),
            Map.entry("MDC_PULS_RATE_NON_INV", new double[] {50, 120}),
            Map.entry("MDC_PULS_OXIM_SAT_O2", new double[] {93, 100}),
            Map.entry("MDC_PULS_OXIM_PULS_RATE", new double[] {50, 120}),
            Map.entry("MDC_PULS_OXIM_PERF_REL", new double[] {2.0, 8.0}),
            Map.entry("MDC_MASS_BODY_ACTUAL", new double[] {71, 74}),
            Map.entry("MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD", new double[] {95, 131})); // mg/dL

    @Test
    void everyProfileDecodesWithinRange() {
        BleValues values = new BleValues(42);
        for (BleProfile profile : BleProfile.values()) {
            for (int i = 0; i < 500; i++) {
                GattResult result = GattDecoders.decode(profile.characteristic(), values.next(profile, NOW), Instant.EPOCH);
                assertThat(result).as(profile.name()).isInstanceOf(GattResult.GattMeasurement.class);
                GattResult.GattMeasurement measurement = (GattResult.GattMeasurement) result;
                assertThat(measurement.observations()).isNotEmpty();
                for (Observation observation : measurement.observations()) {
                    double[] range = RANGES.get(observation.metric().referenceId());
                    assertThat(range).as(observation.metric().referenceId()).isNotNull();
                    assertThat(observation.value().toBigDecimal()).as(observation.metric().referenceId())
                            .isBetween(BigDecimal.valueOf(range[0]), BigDecimal.valueOf(range[1]));
                    assertThat(observation.status()).isEmpty();
                }
            }
        }
    }

    @Test
    void timeStampedProfilesCarryTheDeviceTime() {
        BleValues values = new BleValues(7);
        for (BleProfile profile : new BleProfile[] {BleProfile.THERMOMETER, BleProfile.BLOOD_PRESSURE_CUFF,
            BleProfile.WEIGHT_SCALE, BleProfile.GLUCOSE_METER}) {
            GattResult.GattMeasurement measurement = (GattResult.GattMeasurement) GattDecoders.decode(
                    profile.characteristic(), values.next(profile, NOW), Instant.EPOCH);
            assertThat(measurement.deviceTime().toString()).as(profile.name()).isEqualTo("2026-11-29T08:30:15");
        }
    }

    @Test
    void encodingMatchesTheSpecVectors() {
        // device-protocols.md:119 "SFLOAT 0xF014 = 2.0"; :120 "FLOAT 0xFE0000C8 = 2.00"
        assertThat(new GattEncoding().sfloat(20, -1).bytes()).containsExactly(0x14, 0xF0);
        assertThat(new GattEncoding().float32(200, -2).bytes()).containsExactly(0xC8, 0x00, 0x00, 0xFE);
        // device-protocols.md:132 time stamp DC 07 0C 05 0B 32 1B = 2012-12-05 11:50:27
        assertThat(new GattEncoding().dateTime(LocalDateTime.of(2012, 12, 5, 11, 50, 27)).bytes())
                .containsExactly(0xDC, 0x07, 0x0C, 0x05, 0x0B, 0x32, 0x1B);
    }
}
