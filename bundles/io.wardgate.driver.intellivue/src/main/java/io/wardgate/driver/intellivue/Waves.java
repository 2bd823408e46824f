package io.wardgate.driver.intellivue;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;

import io.wardgate.api.Metric;
import io.wardgate.api.Unit;
import io.wardgate.api.WaveScale;
import io.wardgate.api.WaveformSegment;
import io.wardgate.driver.intellivue.Message.Ava;
import io.wardgate.driver.intellivue.Message.ObservationPoll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Waveform segments from real-time sample array (RTSA) poll results. A wave object's static attributes
 * (sample period NOM_ATTR_TIME_PD_SAMP in units of 125 us, sample array specification, scale and range,
 * unit code) may come in an earlier result than its samples, so they are remembered per object handle:
 * for at most {@value #MAX_OBJECTS} objects, least recently used dropped first.
 *
 * <p>Layouts: SaSpec {@code array_size u16 | sample_size u8 | significant_bits u8 | flags u16};
 * ScaleRangeSpec16 {@code lower_absolute FLOAT | upper_absolute FLOAT | lower_scaled u16 | upper_scaled u16};
 * SaObsValue {@code physio_id u16 | state u16 | length u16 | samples}; the compound form is
 * {@code count u16 | length u16 | SaObsValue...}.
 */
final class Waves {
    static final int MAX_OBJECTS = 64;
    /** A segment that starts within this of where the previous one ended continues its time line. */
    static final Duration CONTINUITY_TOLERANCE = Duration.ofSeconds(1);
    private static final long NANOS_PER_UNIT = RELATIVE_TIME_UNIT_MICROS * 1_000L;
    private static final Duration MAX_PERIOD = Duration.ofSeconds(60);

    /**
     * What one poll result gave: segments, reasons for values that could not become segments, and
     * descriptions of waves whose code or unit has no public name (not forwarded).
     */
    record Result(List<WaveformSegment> segments, List<String> problems, List<String> unnamed) {
    }

    private static final class WaveObject {
        long periodUnits;
        int sampleSize = 16;
        int significantBits = 16;
        WaveScale scale = WaveScale.IDENTITY;
        int unitCode = -1;
        final Map<Integer, Instant> nextStart = new HashMap<>();
    }

    private final Map<Long, WaveObject> objects = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, WaveObject> eldest) {
            return size() > MAX_OBJECTS;
        }
    };

    /** Forget everything learnt about wave objects (a new association may number them differently). */
    void clear() {
        objects.clear();
    }

    Result fromPolls(List<ObservationPoll> polls, Instant now) throws MalformedPdu {
        List<WaveformSegment> segments = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> unnamed = new ArrayList<>();
        for (ObservationPoll poll : polls) {
            WaveObject object = objects.computeIfAbsent(((long) poll.context() << 16) | poll.handle(),
                    key -> new WaveObject());
            for (Ava ava : poll.attributes()) {
                learn(object, ava);
            }
            for (Ava ava : poll.attributes()) {
                if (ava.id() == NOM_ATTR_SA_VAL_OBS) {
                    segment(object, ava.reader(), now, segments, problems, unnamed);
                } else if (ava.id() == NOM_ATTR_SA_CMPD_VAL_OBS) {
                    PduReader reader = ava.reader();
                    int count = reader.u16("compound count");
                    PduReader values = reader.lengthPrefixed("compound sample arrays");
                    for (int i = 0; i < count; i++) {
                        segment(object, values, now, segments, problems, unnamed);
                    }
                }
            }
        }
        return new Result(segments, problems, unnamed);
    }

    private static void learn(WaveObject object, Ava ava) throws MalformedPdu {
        PduReader reader = ava.reader();
        switch (ava.id()) {
            case NOM_ATTR_TIME_PD_SAMP -> object.periodUnits = reader.u32("sample period");
            case NOM_ATTR_SA_SPECN -> {
                reader.u16("array size");
                object.sampleSize = reader.u8("sample size");
                object.significantBits = reader.u8("significant bits");
            }
            case NOM_ATTR_SCALE_SPECN_I16 -> object.scale = scale(reader);
            case NOM_ATTR_UNIT_CODE -> object.unitCode = reader.u16("unit code");
            default -> {
                // other attributes (label, colour, grid, ...) are not needed for the segment
            }
        }
    }

    private static WaveScale scale(PduReader reader) throws MalformedPdu {
        FloatType low = FloatType.decode(reader.i32("lower absolute value"));
        FloatType high = FloatType.decode(reader.i32("upper absolute value"));
        int rawLow = reader.u16("lower scaled value");
        int rawHigh = reader.u16("upper scaled value");
        if (!low.isNumber() || !high.isNumber() || rawHigh <= rawLow) {
            return WaveScale.IDENTITY;
        }
        return new WaveScale(rawLow, rawHigh, low.value(), high.value());
    }

    private static void segment(WaveObject object, PduReader reader, Instant now, List<WaveformSegment> segments,
            List<String> problems, List<String> unnamed) throws MalformedPdu {
        int physioId = reader.u16("physio id");
        int state = reader.u16("state");
        PduReader array = reader.lengthPrefixed("sample array");
        String wave = String.format("wave 0x%04X: ", physioId);
        if (object.periodUnits <= 0 || object.periodUnits * NANOS_PER_UNIT > MAX_PERIOD.toNanos()) {
            problems.add(wave + "no usable sample period (" + object.periodUnits + " x 125 us)");
            return;
        }
        if (object.sampleSize != 8 && object.sampleSize != 16) {
            problems.add(wave + "unsupported sample size of " + object.sampleSize + " bits");
            return;
        }
        int bytesPerSample = object.sampleSize / 8;
        int count = array.remaining() / bytesPerSample;
        if (count == 0) {
            return;
        }
        if (count > WaveformSegment.MAX_SAMPLES) {
            problems.add(wave + count + " samples in one array");
            return;
        }
        int mask = object.significantBits > 0 && object.significantBits < 32
                ? (1 << Math.min(object.significantBits, object.sampleSize)) - 1 : -1;
        int[] samples = new int[count];
        for (int i = 0; i < count; i++) {
            int raw = bytesPerSample == 2 ? array.u16("sample") : array.u8("sample");
            samples[i] = raw & mask;
        }
        Duration period = Duration.ofNanos(object.periodUnits * NANOS_PER_UNIT);
        Duration span = period.multipliedBy(count);
        Instant estimate = now.minus(span);
        Instant previousEnd = object.nextStart.get(physioId);
        Instant start = previousEnd != null && Duration.between(previousEnd, estimate).abs().compareTo(CONTINUITY_TOLERANCE) < 0
                ? previousEnd : estimate;
        if (object.nextStart.size() < 16 || object.nextStart.containsKey(physioId)) {
            object.nextStart.put(physioId, start.plus(span));
        }
        Optional<Unit> unit = object.unitCode >= 0 ? Codes.unit(object.unitCode) : Optional.of(defaultUnit(physioId));
        Optional<Metric> metric = Codes.metric(physioId);
        if (metric.isEmpty() || unit.isEmpty()) {
            unnamed.add("wave " + Codes.describe(physioId, Math.max(object.unitCode, 0)));
            return;
        }
        segments.add(new WaveformSegment(metric.get(), unit.get(), period, start, samples, object.scale,
                Codes.status(state), now));
    }

    /** When the monitor sent no unit code: ECG leads are in mV, anything else is left dimensionless. */
    private static Unit defaultUnit(int physioId) {
        return (physioId & 0xFF00) == 0x0100 ? Unit.MILLIVOLT : Unit.DIMENSIONLESS;
    }
}
