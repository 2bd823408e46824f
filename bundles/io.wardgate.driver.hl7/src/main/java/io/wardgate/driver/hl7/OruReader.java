package io.wardgate.driver.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.util.Terser;
import io.wardgate.api.Decimal;
import io.wardgate.api.Metric;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a parsed ORU^R01 (IHE PCD-01 as the reference profile) into readings. Walks the segments in
 * order and reads fields by position, so v2.3 to v2.6 senders (read into the v2.6 model) are read
 * alike. Per OBX: OBX-3 the metric, OBX-5 the value (type NM only), OBX-6 the unit, OBX-8 abnormal
 * flags, OBX-11 the status, OBX-14 the time (else OBR-7, else MSH-7), OBX-18 the device's EUI-64.
 */
final class OruReader {
    static final String EUI_64 = "EUI-64";
    private static final Pattern EUI = Pattern.compile("[0-9A-Fa-f]{16}");
    /** OBX-11 values whose value goes on as a reading (final, results entered, corrected). */
    private static final Set<String> RESULT = Set.of("F", "R", "C");
    /** OBX-8 abnormal flags that mean the value is outside the device's alarm limits. */
    private static final Set<String> ABNORMAL = Set.of("H", "L", "HH", "LL", "A", "AA");

    /** What the reader found, in message order. */
    interface Listener {
        /** The device the following readings come from. */
        void device(String model, String eui64);

        void reading(Observation observation);

        /** Something sent that is not forwarded (unmapped code, status, type); {@code key} names it for de-duplication. */
        void notForwarded(String key, String detail);

        /** A field that is malformed; the rest of the message is read. */
        void problem(String reason);
    }

    private final Terms terms;
    private final ZoneId zone;

    OruReader(Terms terms, ZoneId zone) {
        this.terms = terms;
        this.zone = zone;
    }

    void read(Message message, Instant now, Listener listener) throws HL7Exception {
        List<Segment> segments = new ArrayList<>();
        collect(message, segments);
        Segment msh = segments.get(0);
        String model = sender(msh);
        String defaultEui = messageDevice(segments, msh);
        Optional<Instant> messageTime = time(get(msh, 7, 0, 1));
        Optional<Instant> orderTime = Optional.empty();
        listener.device(model, defaultEui);
        for (Segment segment : segments) {
            switch (segment.getName()) {
                case "OBR" -> orderTime = time(get(segment, 7, 0, 1));
                case "OBX" -> {
                    String eui = firstEui(segment, 18).orElse(defaultEui);
                    listener.device(model, eui);
                    observation(segment, orderTime.or(() -> messageTime), now, listener);
                }
                default -> {
                    // MSH, PID, PV1, PRT, NTE, ...: read above or not needed for readings.
                }
            }
        }
    }

    private void observation(Segment obx, Optional<Instant> fallbackTime, Instant now, Listener listener)
            throws HL7Exception {
        String type = get(obx, 2, 0, 1);
        String value = get(obx, 5, 0, 1);
        if (type.isEmpty() && value.isEmpty()) {
            return; // a containment OBX (MDS, VMD, channel): structure, no value
        }
        List<Coded> code = codings(obx, 3);
        String name = code.isEmpty() ? "(no OBX-3)" : code.get(0).describe();
        if (!type.equals("NM")) {
            listener.notForwarded("type " + type, "OBX value type " + Printable.of(type, 8) + " (e.g. " + name
                    + ") is not numeric: not forwarded");
            return;
        }
        Optional<Metric> metric = terms.metric(code);
        if (metric.isEmpty()) {
            listener.notForwarded("code " + name, "OBX-3 " + name + " is neither MDC nor in the mapping table:"
                    + " not forwarded");
            return;
        }
        List<Coded> unitCodes = codings(obx, 6);
        Optional<Unit> unit = terms.unit(unitCodes, metric.get());
        if (unit.isEmpty()) {
            String unitName = unitCodes.isEmpty() ? "(none)" : unitCodes.get(0).describe();
            listener.notForwarded("unit " + unitName + " " + name, "OBX-6 unit " + unitName + " of " + name
                    + " is neither MDC nor UCUM nor in the mapping table: not forwarded");
            return;
        }
        String status = get(obx, 11, 0, 1);
        Set<StatusFlag> flags = EnumSet.noneOf(StatusFlag.class);
        Instant deviceTime = time(get(obx, 14, 0, 1)).or(() -> fallbackTime).orElse(null);
        if (status.equals("X")) {
            listener.reading(new Observation(metric.get(), unit.get(), null, EnumSet.of(StatusFlag.UNAVAILABLE),
                    deviceTime, now));
            return;
        }
        if (status.equals("P")) {
            flags.add(StatusFlag.QUESTIONABLE);
        } else if (!RESULT.contains(status)) {
            listener.notForwarded("status " + status + " " + name, "OBX-11 status '" + Printable.of(status, 4)
                    + "' of " + name + " is not a result (F, R, C, P, X): not forwarded");
            return;
        }
        for (int rep = 0; rep < obx.getField(8).length; rep++) {
            if (ABNORMAL.contains(get(obx, 8, rep, 1))) {
                flags.add(StatusFlag.IN_ALARM);
            }
        }
        Decimal number;
        try {
            number = Decimal.parse(value.strip());
        } catch (IllegalArgumentException e) {
            listener.problem("OBX-5 of " + name + " is not a number: " + e.getMessage());
            return;
        }
        listener.reading(new Observation(metric.get(), unit.get(), number, flags, deviceTime, now));
    }

    /** MSH-3 (sending application) and MSH-4 (sending facility), e.g. "MONITOR_GW/ICU-EAST". */
    private static String sender(Segment msh) throws HL7Exception {
        String application = first(get(msh, 3, 0, 1), get(msh, 3, 0, 2));
        String facility = first(get(msh, 4, 0, 1), get(msh, 4, 0, 2));
        return Printable.of(facility.isEmpty() ? application : application + "/" + facility, 64);
    }

    /** The message's device when an OBX names none: PRT-10 (participation device), OBR-3, then MSH-3. */
    private static String messageDevice(List<Segment> segments, Segment msh) throws HL7Exception {
        for (Segment s : segments) {
            if (s.getName().equals("PRT")) {
                Optional<String> eui = firstEui(s, 10);
                if (eui.isPresent()) {
                    return eui.get();
                }
            }
        }
        for (Segment s : segments) {
            if (s.getName().equals("OBR")) {
                Optional<String> eui = firstEui(s, 3);
                if (eui.isPresent()) {
                    return eui.get();
                }
            }
        }
        if (get(msh, 3, 0, 3).equalsIgnoreCase(EUI_64) && EUI.matcher(get(msh, 3, 0, 2)).matches()) {
            return get(msh, 3, 0, 2).toUpperCase(java.util.Locale.ROOT);
        }
        return "";
    }

    /** The first EUI-64 in an EI field (entity id or universal id, universal id type "EUI-64"). */
    private static Optional<String> firstEui(Segment segment, int field) throws HL7Exception {
        if (segment.numFields() < field) {
            return Optional.empty();
        }
        for (int rep = 0; rep < segment.getField(field).length; rep++) {
            if (get(segment, field, rep, 4).equalsIgnoreCase(EUI_64)) {
                for (String candidate : List.of(get(segment, field, rep, 1), get(segment, field, rep, 3))) {
                    if (EUI.matcher(candidate).matches()) {
                        return Optional.of(candidate.toUpperCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static List<Coded> codings(Segment segment, int field) throws HL7Exception {
        List<Coded> codings = new ArrayList<>(2);
        for (int first : new int[] {1, 4}) {
            Coded c = new Coded(get(segment, field, 0, first), get(segment, field, 0, first + 1),
                    get(segment, field, 0, first + 2));
            if (!c.isEmpty()) {
                codings.add(c);
            }
        }
        return codings;
    }

    private Optional<Instant> time(String text) {
        return Hl7Time.parse(text, zone);
    }

    private static String get(Segment segment, int field, int rep, int component) throws HL7Exception {
        if (segment.numFields() < field) {
            return "";
        }
        String value = Terser.get(segment, field, rep, component, 1);
        return value == null ? "" : value;
    }

    private static String first(String a, String b) {
        return a.isEmpty() ? b : a;
    }

    private static void collect(Group group, List<Segment> out) throws HL7Exception {
        for (String name : group.getNames()) {
            for (Structure s : group.getAll(name)) {
                if (s instanceof Segment segment) {
                    out.add(segment);
                } else if (s instanceof Group sub) {
                    collect(sub, out);
                }
            }
        }
    }
}
