package io.wardgate.driver.datex;

import io.wardgate.api.Decimal;
import io.wardgate.api.Metric;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The basic class of a displayed-values or trend subrecord (DRI specification 8005313, 3.3.3 and 3.5):
 * a 4-byte time, then parameter groups, each a 6-byte header ({@code status u32, label u16}) and signed
 * 16-bit values. A group whose module does not exist (status bit 0 clear) says nothing; in a group that
 * exists, each value is a number in the field's unit or a marker that becomes status flags.
 */
final class PhysiologicalDecoder {
    /** dri_phdb: time (4), the 270-byte class union, marker, reserved, cl_drilvl_subt (2). */
    static final int SUBRECORD = 278;
    static final int CLASS_FIELD = 276;
    /** Offsets of the groups inside the class union (3.5: ecg 16 bytes, p_group 14, nibp 14, t_group 8, SpO2 14). */
    static final int ECG = 0;
    static final int P1 = 16;
    static final int P_GROUP = 14;
    static final int NIBP = 72;
    static final int T1 = 86;
    static final int T_GROUP = 8;
    static final int SPO2 = 118;
    static final int CO2 = 132;

    private PhysiologicalDecoder() {
    }

    /** What one subrecord holds: its observations, or why it could not be read. */
    record Result(List<Observation> observations, String problem) {
    }

    static Result decode(ByteBuffer subrecord, Instant receivedAt) {
        return decode(subrecord, null, receivedAt);
    }

    /**
     * @param recordTime the record header's r_time, the monitor's clock when it sent the record (or null):
     *     the readings' device time when the subrecord's own time is 0
     */
    static Result decode(ByteBuffer subrecord, Instant recordTime, Instant receivedAt) {
        if (subrecord.remaining() < SUBRECORD) {
            return new Result(List.of(), "physiological subrecord of " + subrecord.remaining() + " bytes, not "
                    + SUBRECORD);
        }
        int cls = (subrecord.getShort(CLASS_FIELD) >> 8) & 0x0F;
        if (cls != 0) {
            return new Result(List.of(), null);
        }
        long seconds = subrecord.getInt(0) & 0xFFFF_FFFFL;
        Instant time = seconds == 0 ? recordTime : Instant.ofEpochSecond(seconds);
        Group.Reader reader = new Group.Reader(subrecord, time, receivedAt);
        List<Observation> out = new ArrayList<>();
        if (reader.exists(ECG)) {
            out.add(reader.value(ECG, 6, DatexMetrics.ECG_HEART_RATE, Unit.BEATS_PER_MINUTE, 0));
        }
        for (int channel = 0; channel < 4; channel++) {
            int group = P1 + channel * P_GROUP;
            if (reader.exists(group)) {
                DatexMetrics.Pressure p = DatexMetrics.pressure(reader.label(group));
                out.add(reader.value(group, 6, p.systolic(), Unit.MMHG, -2));
                out.add(reader.value(group, 8, p.diastolic(), Unit.MMHG, -2));
                out.add(reader.value(group, 10, p.mean(), Unit.MMHG, -2));
            }
        }
        if (reader.exists(NIBP)) {
            out.add(reader.value(NIBP, 6, DatexMetrics.NIBP_SYS, Unit.MMHG, -2));
            out.add(reader.value(NIBP, 8, DatexMetrics.NIBP_DIA, Unit.MMHG, -2));
            out.add(reader.value(NIBP, 10, DatexMetrics.NIBP_MEAN, Unit.MMHG, -2));
        }
        for (int channel = 0; channel < 4; channel++) {
            int group = T1 + channel * T_GROUP;
            if (reader.exists(group)) {
                out.add(reader.value(group, 6, DatexMetrics.TEMPERATURE, Unit.CELSIUS, -2));
            }
        }
        if (reader.exists(SPO2)) {
            out.add(reader.value(SPO2, 6, DatexMetrics.SPO2, Unit.PERCENT, -2));
            out.add(reader.value(SPO2, 8, DatexMetrics.SPO2_PULSE_RATE, Unit.BEATS_PER_MINUTE, 0));
        }
        if (reader.exists(CO2)) {
            out.add(reader.gas(CO2, 6, DatexMetrics.ETCO2));
            out.add(reader.gas(CO2, 8, DatexMetrics.FICO2));
            out.add(reader.value(CO2, 10, DatexMetrics.RESP_RATE, Unit.RESPIRATIONS_PER_MINUTE, 0));
        }
        return new Result(List.copyOf(out), null);
    }

    /** Reads groups of one subrecord; offsets are inside the class union (after the 4-byte time). */
    private static final class Group {
        private Group() {
        }

        record Reader(ByteBuffer data, Instant time, Instant receivedAt) {
            boolean exists(int group) {
                return (data.getInt(4 + group) & 1) != 0;
            }

            int label(int group) {
                return data.getShort(4 + group + 4) & 0xFFFF;
            }

            int raw(int group, int field) {
                return data.getShort(4 + group + field);
            }

            Observation value(int group, int field, Metric metric, Unit unit, int exponent) {
                int raw = raw(group, field);
                if (DatexValue.isMarker(raw)) {
                    return new Observation(metric, unit, null, DatexValue.flagsOf(raw), time, receivedAt);
                }
                return new Observation(metric, unit, Decimal.of(raw, exponent), Set.of(), time, receivedAt);
            }

            /**
             * A CO2 concentration (1/100 %) in mmHg with the group's ambient pressure (1/10 mmHg):
             * mmHg = value x ambient x 1e-5, kept to 0.1 mmHg. Without a valid ambient pressure the
             * reading stays in % as sent.
             */
            Observation gas(int group, int field, Metric metric) {
                int raw = raw(group, field);
                if (DatexValue.isMarker(raw)) {
                    return new Observation(metric, Unit.MMHG, null, DatexValue.flagsOf(raw), time, receivedAt);
                }
                int ambient = raw(group, 12);
                if (DatexValue.isMarker(ambient) || ambient <= 0) {
                    return new Observation(metric, Unit.PERCENT, Decimal.of(raw, -2), EnumSet.noneOf(StatusFlag.class),
                            time, receivedAt);
                }
                long tenths = Math.round(raw * (double) ambient / 10_000.0);
                return new Observation(metric, Unit.MMHG, Decimal.of(tenths, -1), Set.of(), time, receivedAt);
            }
        }
    }
}
