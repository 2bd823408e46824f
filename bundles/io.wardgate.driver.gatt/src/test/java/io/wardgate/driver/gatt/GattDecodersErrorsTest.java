package io.wardgate.driver.gatt;

import static io.wardgate.driver.gatt.GattVectors.RECEIVED;
import static io.wardgate.driver.gatt.GattVectors.error;
import static io.wardgate.driver.gatt.GattVectors.hex;
import static io.wardgate.driver.gatt.GattVectors.measurement;
import static io.wardgate.driver.gatt.GattVectors.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import io.wardgate.api.driver.GattDateTime;
import io.wardgate.api.driver.GattResult;
import io.wardgate.api.driver.GattUuids;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Malformed values: short, long, out of range, unknown; flags that change units and statuses. */
class GattDecodersErrorsTest {
    /** The spec vectors (device-protocols.md lines 126-156), one per layout. */
    static final Map<String, String> VECTORS = Map.of(
            "2A37", "1E 55 32 00 21 00",
            "2A1C", "06 B0 0E 00 FE DC 07 0C 05 0B 32 1B 04",
            "2A35", "1E 8A 00 58 00 78 00 00 00 04 11 14 29 3B 3C 00 01 27 00",
            "2A5E", "0F AC F3 BE F5 E8 07 0B 1D 17 08 39 20 40 22 00 00 66 E3",
            "2A5F", "1C 5F 00 5A 00 20 00 00 00 00 57 F0",
            "2A18", "1B 01 00 E3 07 02 1B 0B 0A 1E FB FF 1E 00 12 05 01",
            "2A9D", "0C B0 36 05 F5 00 D6 06");

    @Test
    void everyTruncationIsRefusedNamingTheMissingField() {
        VECTORS.forEach((uuid, vector) -> {
            byte[] full = hex(vector);
            for (int length = 0; length < full.length; length++) {
                GattResult result = GattDecoders.decode(uuid, Arrays.copyOf(full, length), RECEIVED);
                assertThat(result).as("%s cut to %d bytes", uuid, length).isInstanceOf(GattResult.GattError.class);
                GattResult.GattError error = (GattResult.GattError) result;
                assertThat(error.field()).as(error.describe()).isNotEqualTo("value");
                assertThat(error.message()).as(error.describe()).startsWith("too short");
            }
        });
    }

    @Test
    void oneByteTooManyIsRefused() {
        VECTORS.forEach((uuid, vector) -> {
            if (uuid.equals("2A37")) {
                return; // RR intervals run to the end: covered below
            }
            GattResult.GattError error = error(uuid, vector + " 00");
            assertThat(error.field()).isEqualTo("value");
            assertThat(error.message()).startsWith("too long: 1 unexpected byte after");
        });
    }

    @Test
    void namesTheFieldThatIsCut() {
        // the BP vector (device-protocols.md:137) cut inside the diastolic value
        GattResult.GattError error = error("2A35", "1E 8A 00 58");
        assertThat(error.field()).isEqualTo("diastolic");
        assertThat(error.message()).isEqualTo("too short: needs bytes 3..4, the value has 4 bytes");
        assertThat(error.describe()).isEqualTo(
                "2A35 Blood Pressure Measurement: diastolic: too short: needs bytes 3..4, the value has 4 bytes");
        assertThat(error("2A37", "").field()).isEqualTo("flags");
    }

    @Test
    void rrIntervalsMustBeWholeAndPresentWhenAnnounced() {
        assertThat(error("2A37", "10 55").field()).isEqualTo("rrIntervals");
        GattResult.GattError odd = error("2A37", "10 55 21 00 01");
        assertThat(odd.field()).isEqualTo("rrIntervals");
        assertThat(odd.message()).contains("not a multiple of 2");
        assertThat(error("2A37", "00 55 00").message()).startsWith("too long");
    }

    @Test
    void timestampOutOfRangeIsRefusedNamingThePart() {
        // the temperature vector (device-protocols.md:132) with month 13
        GattResult.GattError error = error("2A1C", "06 B0 0E 00 FE DC 07 0D 05 0B 32 1B 04");
        assertThat(error.field()).isEqualTo("timestamp.month");
        assertThat(error.message()).isEqualTo("month 13 is outside 0..12 (0 = unknown)");
        assertThat(error("2A1C", "02 B0 0E 00 FE DC 07 0C 05 18 32 1B").field()).isEqualTo("timestamp.hours");
        assertThat(error("2A18", "00 01 00 E3 07 02 1B 0B 3C 1E").field()).isEqualTo("baseTime.minutes");
    }

    @Test
    void impossibleDateInRangeKeepsTheRawTimeButNoInstant() {
        GattResult.GattMeasurement m = measurement("2A1C", "02 B0 0E 00 FE DC 07 02 1F 0B 32 1B");
        assertThat(m.deviceTime()).isEqualTo(new GattDateTime(2012, 2, 31, 11, 50, 27));
        assertThat(m.observations().get(0).deviceTime()).isNull();
    }

    @Test
    void unknownOrMalformedUuidIsAnError() {
        GattResult.GattError error = error("2A19", "00 55");
        assertThat(error.field()).isEqualTo("uuid");
        assertThat(error.message()).contains("unsupported characteristic '2A19'").contains("2A37");
        assertThat(error("not-a-uuid", "00").field()).isEqualTo("uuid");
        assertThat(((GattResult.GattError) GattDecoders.decode(null, new byte[] {0}, RECEIVED)).field()).isEqualTo("uuid");
        assertThat(((GattResult.GattError) GattDecoders.decode("2A37", null, RECEIVED)).field()).isEqualTo("value");
    }

    @Test
    void oversizedValueIsRefusedUnread() {
        GattResult result = GattDecoders.decode("2A37", new byte[GattDecoders.MAX_VALUE_LENGTH + 1], RECEIVED);
        assertThat(((GattResult.GattError) result).message()).startsWith("too long: 513 bytes");
    }

    @Test
    void specialValuesBecomeStatuses() {
        // FLOAT NaN (device-protocols.md:118) as a temperature
        GattResult.GattMeasurement nan = measurement("2A1C", "00 FF FF 7F 00");
        assertThat(nan.observations().get(0).value()).isNull();
        assertThat(nan.observations().get(0).status()).containsExactly(StatusFlag.INVALID);
        // SFLOAT NaN as the MAP, +INF as the pulse (device-protocols.md:116)
        GattResult.GattMeasurement bp = measurement("2A35", "04 8A 00 58 00 FF 07 FE 07");
        assertThat(bp.observations()).extracting(GattVectors::value).containsExactly("138", "88", null, null);
        assertThat(bp.observations().get(2).status()).containsExactly(StatusFlag.INVALID);
        assertThat(bp.observations().get(3).status()).containsExactly(StatusFlag.ABOVE_RANGE);
    }

    @Test
    void unitFlags() {
        assertThat(measurement("2A1C", "01 B0 0E 00 FE").observations().get(0).unit()).isEqualTo(Unit.FAHRENHEIT);
        assertThat(measurement("2A35", "01 8A 00 58 00 78 00").observations().get(0).unit()).isEqualTo(Unit.KPA);
        GattResult.GattMeasurement pounds = measurement("2A9D", "09 64 3C 10 01 BC 02");
        assertThat(pounds.observations()).extracting(GattVectors::value).containsExactly("154.60", "27.2", "70.0");
        assertThat(pounds.observations()).extracting(o -> o.unit().ucum()).containsExactly("[lb_av]", "kg/m2", "[in_i]");
        GattResult.GattMeasurement molar = measurement("2A18", "06 02 00 E3 07 02 1B 0B 0A 1E 5C C0 11");
        // 0.0092 mol/L is 9.2 mmol/L (MDC_DIM_MILLI_MOLE_PER_L)
        assertThat(molar.observations().get(0).unit().ucum()).isEqualTo("mmol/L");
        assertThat(value(molar.observations().get(0))).isEqualTo("9.2");
        assertThat(molar.observations().get(0).metric().referenceId()).isEqualTo("MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD");
    }

    @Test
    void unsuccessfulWeighingIsAStatus() {
        GattResult.GattMeasurement m = measurement("2A9D", "00 FF FF");
        assertThat(m.observations().get(0).value()).isNull();
        assertThat(m.observations().get(0).status()).containsExactly(StatusFlag.UNAVAILABLE);
        assertThat(m.details()).containsEntry("measurementUnsuccessful", "true");
    }

    @Test
    void plxUnavailableOrDemoDropsTheNumber() {
        // measurement status bit 13 unavailable, bit 10 demo (device-protocols.md:147-148)
        GattResult.GattMeasurement m = measurement("2A5F", "04 5F 00 5A 00 00 24");
        assertThat(m.observations()).allSatisfy(o -> {
            assertThat(o.value()).isNull();
            assertThat(o.status()).contains(StatusFlag.UNAVAILABLE, StatusFlag.DEMO);
        });
    }

    @Test
    void plxClockNotSetKeepsTheRawTimeOnly() {
        GattResult.GattMeasurement m = measurement("2A5E", "11 AC F3 BE F5 E8 07 0B 1D 17 08 39");
        assertThat(m.deviceTime()).isEqualTo(new GattDateTime(2024, 11, 29, 23, 8, 57));
        assertThat(m.observations()).allSatisfy(o -> {
            assertThat(o.deviceTime()).isNull();
            assertThat(o.status()).contains(StatusFlag.DEVICE_CLOCK_NOT_SET);
        });
    }

    @Test
    void plxContinuousFastAndSlowAreDetails() {
        GattResult.GattMeasurement m = measurement("2A5F", "03 5F 00 5A 00 60 00 5B 00 5E 00 59 00");
        assertThat(m.observations()).hasSize(2);
        assertThat(m.details()).containsEntry("spo2Fast", "96").containsEntry("pulseRateFast", "91")
                .containsEntry("spo2Slow", "94").containsEntry("pulseRateSlow", "89");
    }

    @Test
    void glucoseWithoutConcentrationHasNoReadings() {
        GattResult.GattMeasurement m = measurement("2A18", "00 07 00 E3 07 02 1B 0B 0A 1E");
        assertThat(m.observations()).isEmpty();
        assertThat(m.details()).containsEntry("sequenceNumber", "7");
    }

    @Test
    void glucoseAboveTheMeterRangeIsAStatus() {
        GattResult.GattMeasurement m = measurement("2A18", "0A 01 00 E3 07 02 1B 0B 0A 1E 1E 00 12 20 00");
        assertThat(m.observations().get(0).value()).isNull();
        assertThat(m.observations().get(0).status()).containsExactly(StatusFlag.ABOVE_RANGE);
    }

    @Test
    void deviceZoneIsApplied() {
        GattResult result = GattDecoders.decode("2A1C", hex("06 B0 0E 00 FE DC 07 0C 05 0B 32 1B 04"), RECEIVED,
                ZoneId.of("Europe/Berlin"));
        assertThat(((GattResult.GattMeasurement) result).observations().get(0).deviceTime())
                .isEqualTo(Instant.parse("2012-12-05T10:50:27Z"));
    }

    @Test
    void everyBitFlipOfEveryVectorDecodesOrFailsCleanly() {
        VECTORS.forEach((uuid, vector) -> {
            byte[] full = hex(vector);
            for (int bit = 0; bit < full.length * 8; bit++) {
                byte[] flipped = full.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                GattResult result = GattDecoders.decode(uuid, flipped, RECEIVED);
                assertThat(result.characteristic()).isEqualTo(uuid);
                assertThat(result.name()).isNotBlank();
            }
            // and the original still decodes afterwards (no state)
            assertThat(GattDecoders.decode(uuid, full, RECEIVED)).isInstanceOf(GattResult.GattMeasurement.class);
        });
    }

    @Test
    void supportedLists() {
        assertThat(GattDecoders.supportedCharacteristics())
                .containsExactly("2A18", "2A1C", "2A35", "2A37", "2A5E", "2A5F", "2A9D");
        assertThat(GattDecoders.supportedServices()).containsExactly("1808", "1809", "180D", "1810", "181D", "1822");
        assertThat(GattUuids.fullUuid("180D")).isEqualTo("0000180d-0000-1000-8000-00805f9b34fb");
        assertThat(GattDecoders.supports("00002A5F-0000-1000-8000-00805F9B34FB")).isTrue();
        assertThat(GattDecoders.supports("2A19")).isFalse();
    }
}
