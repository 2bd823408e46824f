package io.wardgate.seal.envelope;

import static io.wardgate.seal.envelope.Values.array;
import static io.wardgate.seal.envelope.Values.integer;
import static io.wardgate.seal.envelope.Values.intIn;
import static io.wardgate.seal.envelope.Values.map;
import static io.wardgate.seal.envelope.Values.required;
import static io.wardgate.seal.envelope.Values.text;
import static io.wardgate.seal.envelope.Values.unsigned;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Location;
import io.wardgate.api.Metric;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Transport;
import io.wardgate.api.Unit;
import io.wardgate.api.WaveScale;
import io.wardgate.api.WaveformSegment;
import io.wardgate.seal.envelope.Cbor.MalformedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The signed payload: a batch of one device's readings as CBOR (CDDL in docs/envelope.md,
 * "wardgate-batch"). Arrays keep it compact; every value keeps the device's precision.
 */
final class PayloadCodec {
    static final long VERSION = 1;
    /** Version 2 adds alarm changes (key 6); a batch without alarms stays version 1 for older receivers. */
    static final long VERSION_ALARMS = 2;
    private static final int OBSERVATION = 0;
    private static final int WAVEFORM = 1;

    private PayloadCodec() {
    }

    static byte[] encode(Batch batch) {
        Map<Object, Object> root = new LinkedHashMap<>();
        root.put(1L, batch.alarms().isEmpty() ? VERSION : VERSION_ALARMS);
        DeviceIdentity device = batch.device();
        root.put(2L, List.of(device.transport().prefix(), device.address(), device.model(), device.serialNumber(),
                device.eui64()));
        Location location = batch.location();
        root.put(3L, List.of(location.site(), location.ward(), location.bed()));
        root.put(4L, batch.group());
        List<Object> readings = new ArrayList<>(batch.readings().size());
        for (Reading reading : batch.readings()) {
            readings.add(reading instanceof Observation observation ? observation(observation)
                    : waveform((WaveformSegment) reading));
        }
        if (!readings.isEmpty() || batch.alarms().isEmpty()) {
            root.put(5L, readings);
        }
        if (!batch.alarms().isEmpty()) {
            root.put(6L, AlarmCodec.encode(batch.alarms()));
        }
        return Cbor.encode(root);
    }

    private static List<Object> observation(Observation o) {
        return Arrays.asList(OBSERVATION, metric(o.metric()), unit(o.unit()),
                o.value() == null ? null : decimal(o.value()), status(o.status()),
                o.deviceTime() == null ? null : time(o.deviceTime()), time(o.receivedAt()));
    }

    private static List<Object> waveform(WaveformSegment w) {
        List<Object> samples = new ArrayList<>(w.sampleCount());
        for (int i = 0; i < w.sampleCount(); i++) {
            samples.add((long) w.sample(i));
        }
        WaveScale scale = w.scale();
        return Arrays.asList(WAVEFORM, metric(w.metric()), unit(w.unit()), w.samplePeriod().toNanos(),
                time(w.start()), samples,
                List.of((long) scale.rawLow(), (long) scale.rawHigh(), decimal(scale.low()), decimal(scale.high())),
                status(w.status()), time(w.receivedAt()));
    }

    static List<Object> metric(Metric metric) {
        return List.of((long) metric.mdcCode(), metric.referenceId(), metric.loinc());
    }

    private static List<Object> unit(Unit unit) {
        return List.of(unit.ucum(), (long) unit.mdcCode(), unit.referenceId());
    }

    /** RFC 8949 decimal fraction: tag 4 around [exponent, mantissa]. */
    private static Object decimal(Decimal value) {
        return new Cbor.Tagged(CoseLabels.TAG_DECIMAL_FRACTION, List.of((long) value.exponent(), value.mantissa()));
    }

    private static List<Object> status(Set<StatusFlag> flags) {
        List<Object> names = new ArrayList<>(flags.size());
        for (StatusFlag flag : EnumSet.copyOf(flags.isEmpty() ? EnumSet.noneOf(StatusFlag.class) : flags)) {
            names.add(flag.name());
        }
        return names;
    }

    /** Nanoseconds since 1970-01-01T00:00:00Z. */
    static long time(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    static Batch decode(byte[] bytes) throws MalformedException {
        return decode(Cbor.decodeDeterministic(bytes));
    }

    static Batch decode(Object decoded) throws MalformedException {
        Map<?, ?> root = map(decoded, "batch", 6);
        long version = integer(required(root, 1, "version"), "version");
        if (version != VERSION && version != VERSION_ALARMS) {
            throw new MalformedException("unsupported payload version");
        }
        if (version == VERSION) {
            Values.onlyLabels(root, "batch", 1, 2, 3, 4, 5);
        } else {
            Values.onlyLabels(root, "batch", 1, 2, 3, 4, 5, 6);
        }
        try {
            List<?> d = array(required(root, 2, "device"), "device", 5, 5);
            DeviceIdentity device = new DeviceIdentity(transport(text(d.get(0), "transport", 16)),
                    text(d.get(1), "address", 128), text(d.get(2), "model", 64), text(d.get(3), "serial", 64),
                    text(d.get(4), "eui64", 16));
            List<?> l = array(required(root, 3, "location"), "location", 3, 3);
            Location location = new Location(text(l.get(0), "site", 64), text(l.get(1), "ward", 64),
                    text(l.get(2), "bed", 64));
            String group = text(required(root, 4, "group"), "group", 64);
            List<?> items = version == VERSION || root.containsKey(5L)
                    ? array(required(root, 5, "readings"), "readings", 1, Batch.MAX_READINGS) : List.of();
            List<Reading> readings = new ArrayList<>(items.size());
            for (Object item : items) {
                readings.add(reading(item));
            }
            if (version == VERSION) {
                return new Batch(device, location, group, readings);
            }
            return new Batch(device, location, group, readings, AlarmCodec.decode(required(root, 6, "alarms")));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            // The domain types validate on construction; their complaint makes the payload malformed.
            throw new MalformedException("invalid value: " + e.getMessage());
        }
    }

    private static Transport transport(String prefix) throws MalformedException {
        for (Transport transport : Transport.values()) {
            if (transport.prefix().equals(prefix)) {
                return transport;
            }
        }
        throw new MalformedException("unknown transport");
    }

    private static Reading reading(Object item) throws MalformedException {
        List<?> r = array(item, "reading", 7, 9);
        int kind = intIn(r.get(0), "reading kind", 0, 1);
        if (kind == OBSERVATION) {
            if (r.size() != 7) {
                throw new MalformedException("an observation has 7 items");
            }
            return new Observation(metric(r.get(1)), unit(r.get(2)), r.get(3) == null ? null : decimal(r.get(3)),
                    status(r.get(4)), r.get(5) == null ? null : instant(integer(r.get(5), "device time")),
                    instant(integer(r.get(6), "received time")));
        }
        if (r.size() != 9) {
            throw new MalformedException("a waveform has 9 items");
        }
        List<?> s = array(r.get(5), "samples", 1, WaveformSegment.MAX_SAMPLES);
        int[] samples = new int[s.size()];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = intIn(s.get(i), "sample", Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        List<?> scale = array(r.get(6), "scale", 4, 4);
        return new WaveformSegment(metric(r.get(1)), unit(r.get(2)), Duration.ofNanos(unsigned(r.get(3), "period")),
                instant(integer(r.get(4), "start")), samples,
                new WaveScale(intIn(scale.get(0), "raw low", Integer.MIN_VALUE, Integer.MAX_VALUE),
                        intIn(scale.get(1), "raw high", Integer.MIN_VALUE, Integer.MAX_VALUE),
                        decimal(scale.get(2)), decimal(scale.get(3))),
                status(r.get(7)), instant(integer(r.get(8), "received time")));
    }

    static Metric metric(Object value) throws MalformedException {
        List<?> m = array(value, "metric", 3, 3);
        return new Metric(intIn(m.get(0), "metric code", 1, Integer.MAX_VALUE), text(m.get(1), "metric id", 64),
                text(m.get(2), "loinc", 16));
    }

    private static Unit unit(Object value) throws MalformedException {
        List<?> u = array(value, "unit", 3, 3);
        return new Unit(text(u.get(0), "ucum", 32), intIn(u.get(1), "unit code", 0, Integer.MAX_VALUE),
                text(u.get(2), "unit id", 64));
    }

    private static Decimal decimal(Object value) throws MalformedException {
        List<?> pair = array(Values.tagged(value, CoseLabels.TAG_DECIMAL_FRACTION, "decimal"), "decimal", 2, 2);
        return new Decimal(integer(pair.get(1), "mantissa"), intIn(pair.get(0), "exponent", -128, 127));
    }

    private static Set<StatusFlag> status(Object value) throws MalformedException {
        List<?> names = array(value, "status", 0, StatusFlag.values().length);
        EnumSet<StatusFlag> flags = EnumSet.noneOf(StatusFlag.class);
        for (Object name : names) {
            String text = text(name, "status flag", 32);
            try {
                flags.add(StatusFlag.valueOf(text));
            } catch (IllegalArgumentException e) {
                throw new MalformedException("unknown status flag");
            }
        }
        return flags;
    }
}
