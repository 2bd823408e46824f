package io.wardgate.seal.envelope;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Location;
import io.wardgate.api.Metric;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Transport;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import io.wardgate.api.WaveScale;
import io.wardgate.api.WaveformSegment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Readings for tests: every vital sign, every status flag, a waveform. */
public final class TestReadings {
    public static final Instant T0 = Instant.parse("2026-11-29T10:00:00.123456789Z");
    public static final DeviceIdentity MONITOR = new DeviceIdentity(Transport.SERIAL, "/dev/wardgate/bed-12",
            "IntelliVue MX450", "DE12345678", "0012345678ABCDEF");
    public static final Location BED_12 = new Location("st-marys", "icu-2", "bed-12");
    public static final Metric ECG_II = Metric.mdc(131330, "MDC_ECG_ELEC_POTL_II");

    private TestReadings() {
    }

    /** One valued observation per vital sign, with values whose precision matters (98.0, 36.60). */
    public static List<Reading> everyVitalSign() {
        List<Reading> readings = new ArrayList<>();
        int i = 0;
        for (VitalSign sign : VitalSign.values()) {
            Decimal value = switch (sign) {
                case BODY_TEMPERATURE -> Decimal.parse("36.60");
                case SPO2 -> Decimal.parse("98.0");
                case ETCO2 -> Decimal.of(-5, -1);
                default -> Decimal.ofInteger(60 + i);
            };
            readings.add(Observation.of(sign, value, Set.of(), T0.plusMillis(i))
                    .withDeviceTime(T0.minusSeconds(1).plusMillis(i)));
            i++;
        }
        return readings;
    }

    /** One observation per status flag: no value for flags that mean none, else a value. */
    public static List<Reading> everyStatusFlag() {
        List<Reading> readings = new ArrayList<>();
        for (StatusFlag flag : StatusFlag.values()) {
            Instant at = T0.plusSeconds(1 + flag.ordinal());
            readings.add(flag.meansNoValue()
                    ? Observation.absent(VitalSign.SPO2.metric(), Unit.PERCENT, Set.of(flag), at)
                    : Observation.of(VitalSign.HEART_RATE, Decimal.ofInteger(72), Set.of(flag), at));
        }
        readings.add(Observation.of(VitalSign.HEART_RATE, Decimal.ofInteger(130),
                EnumSet.of(StatusFlag.IN_ALARM, StatusFlag.QUESTIONABLE, StatusFlag.ARTIFACT), T0));
        readings.add(new Observation(VitalSign.BODY_TEMPERATURE.metric(), Unit.FAHRENHEIT, Decimal.parse("98.6"),
                Set.of(), null, T0));
        return readings;
    }

    public static WaveformSegment ecg(int samples) {
        int[] values = new int[samples];
        for (int i = 0; i < samples; i++) {
            values[i] = (i * 37) % 4096 - 2048;
        }
        return new WaveformSegment(ECG_II, Unit.MILLIVOLT, Duration.ofNanos(3_906_250), T0, values,
                new WaveScale(-2048, 2047, Decimal.parse("-5.000"), Decimal.parse("5.000")),
                Set.of(StatusFlag.LOW_PERFUSION), T0.plusSeconds(2));
    }

    public static List<Reading> everything() {
        List<Reading> all = new ArrayList<>(everyVitalSign());
        all.addAll(everyStatusFlag());
        all.add(ecg(512));
        return all;
    }

    public static Batch batch(List<Reading> readings) {
        return new Batch(MONITOR, BED_12, "icu-monitors", readings);
    }

    public static SealTags tags(long epoch, long sequence) {
        return new SealTags("wg-test-0001", MONITOR.id(), epoch, sequence, T0.plusSeconds(5));
    }
}
