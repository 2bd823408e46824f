package io.wardgate.driver.gatt;

import static io.wardgate.driver.gatt.GattVectors.RECEIVED;
import static io.wardgate.driver.gatt.GattVectors.measurement;
import static io.wardgate.driver.gatt.GattVectors.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Decimal;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import io.wardgate.api.driver.GattDateTime;
import io.wardgate.api.driver.GattResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every characteristic vector of shared/specs/device-protocols.md, each citing its line. */
class GattDecodersVectorsTest {

    @Test
    void heartRateU8() {
        // device-protocols.md:126 "`00 55` -> 85 bpm"
        GattResult.GattMeasurement m = measurement("2A37", "00 55");
        assertThat(m.observations()).hasSize(1);
        Observation hr = m.observations().get(0);
        assertThat(hr.metric()).isEqualTo(VitalSign.HEART_RATE.metric());
        assertThat(hr.unit()).isEqualTo(Unit.BEATS_PER_MINUTE);
        assertThat(hr.value()).isEqualTo(Decimal.ofInteger(85));
        assertThat(hr.status()).isEmpty();
        assertThat(hr.receivedAt()).isEqualTo(RECEIVED);
        assertThat(hr.deviceTime()).isNull();
        assertThat(m.details()).containsEntry("sensorContact", "not supported");
    }

    @Test
    void heartRateContactSupportedNotDetected() {
        // device-protocols.md:126 "`04 FF` -> 255 bpm, contact supported, not detected"
        GattResult.GattMeasurement m = measurement("2A37", "04 FF");
        assertThat(value(m.observations().get(0))).isEqualTo("255");
        assertThat(m.details()).containsEntry("sensorContact", "not detected");
        assertThat(m.observations().get(0).status()).containsExactly(StatusFlag.SENSOR_PROBLEM);
    }

    @Test
    void heartRateWithEnergyAndOneRrInterval() {
        // device-protocols.md:127 "`1E 55 32 00 21 00` -> 85 bpm, contact detected, 50 kJ, RR [33]"
        GattResult.GattMeasurement m = measurement("2A37", "1E 55 32 00 21 00");
        assertThat(m.observations()).extracting(o -> o.metric().referenceId())
                .containsExactly("MDC_ECG_HEART_RATE", "MDC_HF_ENERGY", "MDC_ECG_TIME_PD_RR_GL");
        assertThat(m.observations()).extracting(GattVectors::value).containsExactly("85", "50", "0.0322265625");
        assertThat(m.observations().get(1).unit().ucum()).isEqualTo("kJ");
        assertThat(m.observations().get(2).unit()).isEqualTo(Unit.SECOND);
        assertThat(m.observations().get(0).status()).isEmpty();
        assertThat(m.details()).containsEntry("sensorContact", "detected").containsEntry("rrIntervals1024", "33");
    }

    @Test
    void heartRateU16WithEnergyAndThreeRrIntervals() {
        // device-protocols.md:128 "`1F 01 01 32 01 01 00 02 01 FF FF` -> 257 bpm, 306 kJ, RR [1, 258, 65535]"
        GattResult.GattMeasurement m = measurement("2A37", "1F 01 01 32 01 01 00 02 01 FF FF");
        assertThat(m.observations()).extracting(GattVectors::value)
                .containsExactly("257", "306", "0.0009765625", "0.2519531250", "63.9990234375");
        assertThat(m.details()).containsEntry("rrIntervals1024", "1,258,65535");
        // 65535/1024 s, exactly
        assertThat(m.observations().get(4).value().toBigDecimal())
                .isEqualByComparingTo(new java.math.BigDecimal(65535).divide(new java.math.BigDecimal(1024)));
    }

    @Test
    void temperatureWithTimestampAndType() {
        // device-protocols.md:132 "`06 B0 0E 00 FE DC 07 0C 05 0B 32 1B 04` -> 37.60 degC, 2012-12-05 11:50:27, finger."
        GattResult.GattMeasurement m = measurement("2A1C", "06 B0 0E 00 FE DC 07 0C 05 0B 32 1B 04");
        Observation t = m.observations().get(0);
        assertThat(m.observations()).hasSize(1);
        assertThat(t.value()).isEqualTo(Decimal.of(3760, -2));
        assertThat(value(t)).isEqualTo("37.60");
        assertThat(t.unit()).isEqualTo(Unit.CELSIUS);
        assertThat(t.metric().referenceId()).isEqualTo("MDC_TEMP_FINGER");
        assertThat(t.metric().mdcCode()).isEqualTo(188432); // unverified as a full code: SCADA + 57360
        assertThat(t.metric().loinc()).isEqualTo("8310-5");
        assertThat(m.deviceTime()).isEqualTo(new GattDateTime(2012, 12, 5, 11, 50, 27));
        assertThat(t.deviceTime()).isEqualTo(Instant.parse("2012-12-05T11:50:27Z"));
        assertThat(m.details()).containsEntry("temperatureType", "finger");
    }

    @Test
    void bloodPressureWithEverything() {
        // device-protocols.md:137-138 "`1E 8A 00 58 00 78 00 00 00 04 11 14 29 3B 3C 00 01 27 00` -> 138/88 mmHg,
        // MAP 120, year unknown, April 17 20:41:59, pulse 60, user 1, status 0x0027."
        GattResult.GattMeasurement m = measurement("2A35", "1E 8A 00 58 00 78 00 00 00 04 11 14 29 3B 3C 00 01 27 00");
        assertThat(m.observations()).extracting(o -> o.metric().referenceId()).containsExactly(
                "MDC_PRESS_BLD_NONINV_SYS", "MDC_PRESS_BLD_NONINV_DIA", "MDC_PRESS_BLD_NONINV_MEAN",
                "MDC_PULS_RATE_NON_INV");
        assertThat(m.observations()).extracting(GattVectors::value).containsExactly("138", "88", "120", "60");
        assertThat(m.observations().get(0).unit()).isEqualTo(Unit.MMHG);
        assertThat(m.deviceTime()).isEqualTo(new GattDateTime(0, 4, 17, 20, 41, 59));
        assertThat(m.deviceTime().toString()).isEqualTo("????-04-17T20:41:59");
        // year unknown: no instant can be made of it
        assertThat(m.observations()).allSatisfy(o -> assertThat(o.deviceTime()).isNull());
        assertThat(m.details()).containsEntry("userId", "1").containsEntry("measurementStatus", "0x0027")
                .containsEntry("bodyMovement", "true").containsEntry("cuffTooLoose", "true")
                .containsEntry("irregularPulse", "true").containsEntry("improperPosition", "true")
                .containsEntry("pulseRateRange", "within range");
        assertThat(m.observations().get(0).status())
                .containsExactlyInAnyOrder(StatusFlag.ARTIFACT, StatusFlag.QUESTIONABLE);
    }

    @Test
    void plxSpotCheckWithEverything() {
        // device-protocols.md:142-143 "`0F AC F3 BE F5 E8 07 0B 1D 17 08 39 20 40 22 00 00 66 E3` -> SpO2 94.0 %,
        // PR 147.0 bpm, 2024-11-29 23:08:57, measurement status 0x4020, device/sensor status 0x000022, PAI 8.70."
        GattResult.GattMeasurement m = measurement("2A5E", "0F AC F3 BE F5 E8 07 0B 1D 17 08 39 20 40 22 00 00 66 E3");
        assertThat(m.observations()).extracting(o -> o.metric().referenceId())
                .containsExactly("MDC_PULS_OXIM_SAT_O2", "MDC_PULS_OXIM_PULS_RATE", "MDC_PULS_OXIM_PERF_REL");
        assertThat(m.observations()).extracting(GattVectors::value).containsExactly("94.0", "147.0", "8.70");
        assertThat(m.deviceTime()).isEqualTo(new GattDateTime(2024, 11, 29, 23, 8, 57));
        assertThat(m.observations().get(0).deviceTime()).isEqualTo(Instant.parse("2024-11-29T23:08:57Z"));
        assertThat(m.details()).containsEntry("measurementStatus", "0x4020")
                .containsEntry("deviceAndSensorStatus", "0x000022");
        // 0x4020: ongoing + questionable; 0x000022: equipment malfunction + low perfusion
        assertThat(m.observations().get(0).status()).containsExactlyInAnyOrder(StatusFlag.MEASUREMENT_ONGOING,
                StatusFlag.QUESTIONABLE, StatusFlag.SENSOR_PROBLEM, StatusFlag.LOW_PERFUSION);
    }

    @Test
    void plxContinuousPlain() {
        // device-protocols.md:145 "`00 64 00 5A 00` -> SpO2 100, PR 90"
        GattResult.GattMeasurement m = measurement("2A5F", "00 64 00 5A 00");
        assertThat(m.observations()).extracting(GattVectors::value).containsExactly("100", "90");
        assertThat(m.observations()).extracting(o -> o.metric())
                .containsExactly(VitalSign.SPO2.metric(), VitalSign.PULSE_RATE.metric());
        assertThat(m.observations()).allSatisfy(o -> assertThat(o.status()).isEmpty());
    }

    @Test
    void plxContinuousWithStatusAndPai() {
        // device-protocols.md:146 "`1C 5F 00 5A 00 20 00 00 00 00 57 F0` -> 95 %, 90 bpm, status "measurement ongoing", PAI 8.7."
        GattResult.GattMeasurement m = measurement("2A5F", "1C 5F 00 5A 00 20 00 00 00 00 57 F0");
        assertThat(m.observations()).extracting(GattVectors::value).containsExactly("95", "90", "8.7");
        assertThat(m.observations().get(0).status()).containsExactly(StatusFlag.MEASUREMENT_ONGOING);
        assertThat(m.details()).containsEntry("measurementStatus", "0x0020");
    }

    @Test
    void glucoseWithEverything() {
        // device-protocols.md:152-153 "`1B 01 00 E3 07 02 1B 0B 0A 1E FB FF 1E 00 12 05 01` -> seq 1, 2019-02-27 11:10:30,
        // offset -5 min, concentration 30 (x10^0 kg/L: a test value), capillary plasma / finger, status 0x0105."
        GattResult.GattMeasurement m = measurement("2A18", "1B 01 00 E3 07 02 1B 0B 0A 1E FB FF 1E 00 12 05 01");
        assertThat(m.details()).containsEntry("sequenceNumber", "1").containsEntry("timeOffsetMinutes", "-5")
                .containsEntry("sampleType", "capillary plasma").containsEntry("sampleLocation", "finger")
                .containsEntry("sensorStatus", "0x0105").containsEntry("contextFollows", "true")
                .containsEntry("batteryLow", "true").containsEntry("sampleSizeInsufficient", "true")
                .containsEntry("temperatureTooLow", "true");
        assertThat(m.deviceTime()).isEqualTo(new GattDateTime(2019, 2, 27, 11, 10, 30));
        Observation glucose = m.observations().get(0);
        assertThat(m.observations()).hasSize(1);
        // 30 kg/L is 30 x 10^5 mg/dL, the unit of IEEE 11073-10417 (exact: the exponent moves by 5)
        assertThat(glucose.value()).isEqualTo(Decimal.of(30, 5));
        assertThat(glucose.unit()).isEqualTo(new Unit("mg/dL", 264274, "MDC_DIM_MILLI_G_PER_DL"));
        assertThat(glucose.metric().referenceId()).isEqualTo("MDC_CONC_GLU_CAPILLARY_PLASMA");
        assertThat(glucose.metric().mdcCode()).isEqualTo(160188);
        assertThat(glucose.deviceTime()).isEqualTo(Instant.parse("2019-02-27T11:05:30Z")); // base time - 5 min
        assertThat(glucose.status()).containsExactly(StatusFlag.QUESTIONABLE);
    }

    @Test
    void weightKilograms() {
        // device-protocols.md:156 "`00 B0 36` -> 70.0 kg"
        GattResult.GattMeasurement m = measurement("2A9D", "00 B0 36");
        Observation weight = m.observations().get(0);
        assertThat(m.observations()).hasSize(1);
        assertThat(weight.value().toBigDecimal()).isEqualByComparingTo("70.0");
        assertThat(value(weight)).isEqualTo("70.000"); // resolution 0.005 kg: three decimals
        assertThat(weight.unit()).isEqualTo(Unit.KILOGRAM);
        assertThat(weight.metric().referenceId()).isEqualTo("MDC_MASS_BODY_ACTUAL");
        assertThat(weight.metric().mdcCode()).isEqualTo(188736);
    }

    @Test
    void weightWithUserBmiAndHeight() {
        // device-protocols.md:156 "`0C B0 36 05 F5 00 D6 06` -> 70 kg, user 5, BMI 24.5, height 1.750 m."
        GattResult.GattMeasurement m = measurement("2A9D", "0C B0 36 05 F5 00 D6 06");
        assertThat(m.observations()).extracting(o -> o.metric().referenceId())
                .containsExactly("MDC_MASS_BODY_ACTUAL", "MDC_RATIO_MASS_BODY_LEN_SQ", "MDC_LEN_BODY_ACTUAL");
        assertThat(m.observations()).extracting(GattVectors::value).containsExactly("70.000", "24.5", "1.750");
        assertThat(m.observations()).extracting(o -> o.unit().ucum()).containsExactly("kg", "kg/m2", "m");
        assertThat(m.observations()).extracting(o -> o.unit().mdcCode()).containsExactly(263875, 264096, 263424);
        assertThat(m.details()).containsEntry("userId", "5");
    }

    @Test
    void everyVectorDecodesThroughEachUuidForm() {
        for (String uuid : List.of("2A37", "2a37", "0x2A37", "00002a37-0000-1000-8000-00805f9b34fb")) {
            assertThat(value(measurement(uuid, "00 55").observations().get(0))).isEqualTo("85");
        }
    }
}
