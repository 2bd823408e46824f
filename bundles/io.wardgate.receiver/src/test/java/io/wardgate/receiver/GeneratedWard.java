package io.wardgate.receiver;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
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
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.SealTags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A ward's worth of readings as the gateway seals them (fixed seed, fixed clock): per bed a monitor
 * with every vital sign, every kind of absent value, NIBP panels whole, partial and a few ms apart,
 * ECG and pleth waves, alarms (one inhibited) and the monitor's typed alarm changes in an alarm-only
 * batch of their own (every state and priority, with and without source and device time); an oximeter without EUI-64; a BLE scale.
 */
final class GeneratedWard {
    static final Instant T0 = Instant.parse("2026-11-29T10:00:00.123456789Z");
    static final String GATEWAY = "wg-ward-7";
    static final Metric ECG_II = Metric.mdc(131330, "MDC_ECG_ELEC_POTL_II");
    static final Metric PLETH = Metric.mdc(150452, "MDC_PULS_OXIM_PLETH");
    static final Metric BODY_WEIGHT = new Metric(188736, "MDC_MASS_BODY_ACTUAL", "29463-7");
    static final int BEDS = 6;

    private GeneratedWard() {
    }

    static Map<SealTags, Batch> batches() {
        Random random = new Random(19);
        Map<SealTags, Batch> out = new LinkedHashMap<>();
        for (int bed = 1; bed <= BEDS; bed++) {
            Location location = new Location("st-marys", "icu-2", "bed-" + bed);
            DeviceIdentity monitor = new DeviceIdentity(Transport.SERIAL, "/dev/wardgate/bed-" + bed,
                    "IntelliVue MX450", "DE1234567" + bed, String.format("0012345678ABCD%02X", bed));
            Instant at = T0.plusSeconds(bed * 7L);
            long sequence = 0;
            out.put(tags(monitor, sequence++, at), new Batch(monitor, location, "icu-monitors", numerics(random, at)));
            out.put(tags(monitor, sequence++, at), new Batch(monitor, location, "icu-monitors", absent(at)));
            out.put(tags(monitor, sequence++, at), new Batch(monitor, location, "icu-monitors", panels(at)));
            out.put(tags(monitor, sequence, at), new Batch(monitor, location, "icu-monitors", waves(random, at)));
            Batch alarms = Batch.ofAlarms(monitor, location, "icu-monitors", alarms(at));
            out.put(new SealTags(GATEWAY, alarms.streamId(), 3, 0, at.plusSeconds(1)), alarms);
            DeviceIdentity oximeter = DeviceIdentity.at(Transport.SERIAL, "/dev/wardgate/oxi-" + bed)
                    .withReported("Radical-7", "");
            out.put(tags(oximeter, 0, at), new Batch(oximeter, location, "oximeters", List.of(
                    Observation.of(VitalSign.SPO2, Decimal.ofInteger(95 + random.nextInt(4)),
                            Set.of(StatusFlag.LOW_PERFUSION), at),
                    Observation.of(VitalSign.PULSE_RATE, Decimal.ofInteger(60 + random.nextInt(40)), Set.of(), at),
                    Observation.absent(VitalSign.SPO2.metric(), Unit.PERCENT, Set.of(StatusFlag.UNAVAILABLE),
                            at.plusSeconds(1)))));
            DeviceIdentity scale = new DeviceIdentity(Transport.BLE, "C4:7C:8D:6A:1B:" + String.format("%02X", bed),
                    "UC-352BLE", "", "");
            out.put(tags(scale, 0, at), new Batch(scale, location, "scales", List.of(
                    new Observation(BODY_WEIGHT, Unit.KILOGRAM, Decimal.parse("72.4"), Set.of(), at.minusSeconds(30), at))));
        }
        return out;
    }

    private static SealTags tags(DeviceIdentity device, long sequence, Instant at) {
        return new SealTags(GATEWAY, device.id(), 3, sequence, at.plusSeconds(1));
    }

    private static List<Reading> numerics(Random random, Instant at) {
        List<Reading> readings = new ArrayList<>();
        int i = 0;
        for (VitalSign sign : VitalSign.values()) {
            if (sign == VitalSign.NIBP) {
                continue;
            }
            Decimal value = switch (sign) {
                case BODY_TEMPERATURE -> Decimal.of(365 + random.nextInt(15), -1);
                case SPO2 -> Decimal.of(950 + random.nextInt(50), -1);
                case ETCO2 -> Decimal.ofInteger(30 + random.nextInt(10));
                case NIBP_SYSTOLIC -> Decimal.ofInteger(110 + random.nextInt(30));
                case NIBP_DIASTOLIC -> Decimal.ofInteger(60 + random.nextInt(20));
                case NIBP_MEAN -> Decimal.ofInteger(80 + random.nextInt(15));
                default -> Decimal.ofInteger(55 + random.nextInt(40));
            };
            readings.add(Observation.of(sign, value, Set.of(), at.plusNanos(1_234_567L * i)).withDeviceTime(at));
            i++;
        }
        readings.add(new Observation(VitalSign.BODY_TEMPERATURE.metric(), Unit.FAHRENHEIT, Decimal.parse("98.6"),
                Set.of(), null, at));
        readings.add(Observation.of(VitalSign.HEART_RATE, Decimal.ofInteger(148),
                EnumSet.of(StatusFlag.IN_ALARM, StatusFlag.QUESTIONABLE), at));
        readings.add(Observation.of(VitalSign.SPO2, Decimal.ofInteger(84),
                EnumSet.of(StatusFlag.IN_ALARM, StatusFlag.ALARM_INHIBITED), at));
        // What the IntelliVue driver emits today for codes it cannot name (issue #19 item 1): ST II in
        // mm as MDC_IV_0302 with the unit {mdc-dim-263442}; the outputs name both from the table.
        readings.add(new Observation(Metric.mdc(0x20000 + 0x0302, "MDC_IV_0302"),
                new Unit("{mdc-dim-263442}", 263442, ""), Decimal.parse("0.1"), Set.of(), at, at));
        return readings;
    }

    /** Alarm changes as a monitor's driver reports them: raised, silenced, ended; about a metric or the device. */
    static List<Alarm> alarms(Instant at) {
        Alarm spo2Low = new Alarm(VitalSign.SPO2.metric(), "intellivue:4BB8.000A", "SpO2", AlarmPriority.MEDIUM,
                AlarmState.ACTIVE, at.minusMillis(250), at);
        Alarm apnea = new Alarm(VitalSign.RESPIRATION_RATE.metric(), "", "***Apnea <20s> & \"ended\"", AlarmPriority.HIGH,
                AlarmState.ACTIVE, null, at.plusSeconds(1));
        Alarm battery = new Alarm(null, "nonin:battery-low", "battery low", AlarmPriority.LOW, AlarmState.ACTIVE,
                null, at.plusSeconds(2));
        Alarm notice = new Alarm(null, "MDC_EVT_ALARM", "Check settings", AlarmPriority.INFO, AlarmState.ACTIVE,
                at.plusSeconds(2), at.plusSeconds(3));
        return List.of(spo2Low, apnea, battery, notice, spo2Low.withState(AlarmState.SILENCED).at(at.plusSeconds(4),
                at.plusSeconds(4)), apnea.withState(AlarmState.ENDED).at(null, at.plusSeconds(5)),
                battery.withState(AlarmState.ENDED).at(null, at.plusSeconds(6)));
    }

    private static List<Reading> absent(Instant at) {
        List<Reading> readings = new ArrayList<>();
        for (StatusFlag flag : StatusFlag.values()) {
            if (flag.meansNoValue()) {
                readings.add(Observation.absent(VitalSign.HEART_RATE.metric(), Unit.BEATS_PER_MINUTE, Set.of(flag), at));
                readings.add(Observation.absent(VitalSign.BODY_TEMPERATURE.metric(), Unit.CELSIUS,
                        EnumSet.of(flag, StatusFlag.SENSOR_PROBLEM), at));
            }
        }
        return readings;
    }

    private static List<Reading> panels(Instant at) {
        Instant later = at.plusSeconds(300);
        return List.of(
                // whole, parts a few ms apart
                Observation.of(VitalSign.NIBP_SYSTOLIC, Decimal.ofInteger(121), Set.of(), at).withDeviceTime(at),
                Observation.of(VitalSign.NIBP_DIASTOLIC, Decimal.ofInteger(79), Set.of(), at)
                        .withDeviceTime(at.plusMillis(4)),
                Observation.of(VitalSign.NIBP_MEAN, Decimal.ofInteger(93), Set.of(), at).withDeviceTime(at.plusMillis(9)),
                // systolic only
                Observation.of(VitalSign.NIBP_SYSTOLIC, Decimal.ofInteger(135), Set.of(), later),
                // diastolic invalid, mean in alarm
                Observation.of(VitalSign.NIBP_SYSTOLIC, Decimal.ofInteger(170), Set.of(), later.plusSeconds(300)),
                Observation.absent(VitalSign.NIBP_DIASTOLIC.metric(), Unit.MMHG, Set.of(StatusFlag.INVALID),
                        later.plusSeconds(300)),
                Observation.of(VitalSign.NIBP_MEAN, Decimal.ofInteger(121), Set.of(StatusFlag.IN_ALARM),
                        later.plusSeconds(300)),
                // mean alone
                Observation.of(VitalSign.NIBP_MEAN, Decimal.ofInteger(88), Set.of(), later.plusSeconds(900)));
    }

    private static List<Reading> waves(Random random, Instant at) {
        int[] ecg = new int[256];
        int[] pleth = new int[125];
        for (int i = 0; i < ecg.length; i++) {
            ecg[i] = random.nextInt(4096) - 2048;
        }
        for (int i = 0; i < pleth.length; i++) {
            pleth[i] = random.nextInt(4096);
        }
        return List.of(
                new WaveformSegment(ECG_II, Unit.MILLIVOLT, Duration.ofNanos(3_906_250), at, ecg,
                        new WaveScale(-2048, 2047, Decimal.parse("-5.000"), Decimal.parse("5.000")), Set.of(),
                        at.plusSeconds(1)),
                new WaveformSegment(PLETH, Unit.DIMENSIONLESS, Duration.ofMillis(8), at, pleth,
                        new WaveScale(0, 4095, Decimal.ofInteger(0), Decimal.ofInteger(1)),
                        Set.of(StatusFlag.ARTIFACT), at.plusSeconds(1)));
    }
}
