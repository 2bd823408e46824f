package io.wardgate.policy.internal;

import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Transport;
import io.wardgate.policy.api.AllowlistDocument;
import io.wardgate.policy.api.AllowlistEntry;
import io.wardgate.policy.api.AllowlistException;
import io.wardgate.policy.api.DeniedDevice;
import io.wardgate.policy.api.DeviceGroup;
import io.wardgate.policy.api.MetricRange;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The allowlist document in JSON: reading validates the whole document and reports every problem,
 * naming the item; writing produces the same format (what export gives, import takes).
 */
final class AllowlistJson {
    static final String FORMAT = "wardgate-allowlist/1";
    static final int MAX_GROUPS = 64;
    static final int MAX_DEVICES = 1024;
    static final int MAX_DENIED = 1024;
    static final int MAX_METRICS = 256;
    static final int MAX_SERVICES = 32;
    private static final int MAX_PROBLEMS = 50;
    private static final Set<String> TOP = Set.of("format", "groups", "devices", "denied");
    private static final Set<String> GROUP = Set.of("name", "metrics", "plausibility", "maxReadingsPerSecond",
            "burst", "bondingRequired", "topicSuffix", "backendKeyId", "priority");
    private static final Set<String> RANGE = Set.of("metric", "min", "max");
    private static final Set<String> IDENTITY = Set.of("transport", "address", "model", "serialNumber", "eui64");
    private static final Set<String> DEVICE = union(IDENTITY, Set.of("group", "addressType", "services", "mac",
            "approvedBy", "approvedAt"));
    private static final Set<String> DENIED = union(IDENTITY, Set.of("by", "at", "reason"));

    private AllowlistJson() {
    }

    static String empty() {
        return write(AllowlistDocument.EMPTY);
    }

    /** Parses and validates a whole document; {@code now} stands in for missing approval times. */
    static AllowlistDocument read(String json, Instant now) throws AllowlistException {
        List<String> problems = new ArrayList<>();
        Object root;
        try {
            root = JsonTree.parse(json);
        } catch (JsonTree.JsonProblem e) {
            throw new AllowlistException(e.getMessage());
        }
        Fields top = Fields.of(root, "document", problems, TOP);
        if (!FORMAT.equals(top.string("format", null, 64))) {
            top.problem("'format' must be \"" + FORMAT + "\"");
        }
        List<DeviceGroup> groups = new ArrayList<>();
        // names of all groups, valid or not, so that a bad group is reported once, not by every device in it
        Set<String> groupNames = new HashSet<>();
        List<?> groupItems = top.list("groups", MAX_GROUPS);
        for (int i = 0; i < groupItems.size(); i++) {
            Object name = groupItems.get(i) instanceof Map<?, ?> map ? map.get("name") : null;
            if (name instanceof String text && !groupNames.add(text)) {
                problems.add("groups[" + i + "] (" + text + "): a second group with this name");
                continue;
            }
            DeviceGroup group = group(Fields.of(groupItems.get(i), "groups[" + i + "]", problems, GROUP));
            if (group != null) {
                groups.add(group);
            }
        }
        List<AllowlistEntry> entries = new ArrayList<>();
        Set<String> deviceIds = new HashSet<>();
        List<?> deviceItems = top.list("devices", MAX_DEVICES);
        for (int i = 0; i < deviceItems.size(); i++) {
            AllowlistEntry entry = entry(Fields.of(deviceItems.get(i), "devices[" + i + "]", problems, DEVICE),
                    groupNames, now);
            if (entry != null && !deviceIds.add(entry.deviceId())) {
                problems.add("devices[" + i + "] (" + entry.deviceId() + "): a second entry for the same address");
            } else if (entry != null) {
                entries.add(entry);
            }
        }
        List<DeniedDevice> denied = new ArrayList<>();
        List<?> deniedItems = top.list("denied", MAX_DENIED);
        for (int i = 0; i < deniedItems.size(); i++) {
            DeniedDevice device = denied(Fields.of(deniedItems.get(i), "denied[" + i + "]", problems, DENIED), now);
            if (device != null) {
                denied.add(device);
            }
        }
        if (!problems.isEmpty()) {
            throw new AllowlistException(problems.size() <= MAX_PROBLEMS ? problems
                    : problems.subList(0, MAX_PROBLEMS));
        }
        return new AllowlistDocument(groups, entries, denied);
    }

    private static DeviceGroup group(Fields f) {
        String name = f.string("name", null, 64);
        Fields g = f.named(whereOf(f, name));
        Set<Integer> metrics = new LinkedHashSet<>();
        for (Object code : g.list("metrics", MAX_METRICS)) {
            if (code instanceof BigDecimal number && number.signum() > 0 && isInt(number)) {
                metrics.add(number.intValueExact());
            } else {
                g.problem("'metrics' holds MDC codes (positive whole numbers), not " + code);
            }
        }
        List<MetricRange> ranges = new ArrayList<>();
        List<?> rangeItems = g.list("plausibility", MAX_METRICS);
        for (int i = 0; i < rangeItems.size(); i++) {
            Fields r = Fields.of(rangeItems.get(i), g.where() + " plausibility[" + i + "]", g.problems(), RANGE);
            int metric = r.integer("metric", null, 1, Integer.MAX_VALUE);
            BigDecimal min = r.decimal("min");
            BigDecimal max = r.decimal("max");
            try {
                ranges.add(new MetricRange(metric, min, max));
            } catch (IllegalArgumentException e) {
                r.problem(e.getMessage());
            }
        }
        BigDecimal rate = g.has("maxReadingsPerSecond") ? g.decimal("maxReadingsPerSecond") : null;
        if (rate == null) {
            g.problem("'maxReadingsPerSecond' is missing");
        }
        double perSecond = rate == null ? 1 : rate.doubleValue();
        int burst = g.integer("burst", Math.max(1, (int) Math.min(1_000_000, Math.ceil(perSecond * 2))), 1, 1_000_000);
        boolean bonding = g.bool("bondingRequired", true);
        String topic = g.string("topicSuffix", null, 64);
        String key = g.string("backendKeyId", null, 64);
        int priority = g.integer("priority", 5, 0, 9);
        try {
            return new DeviceGroup(name, metrics, ranges, perSecond, burst, bonding, topic, key, priority);
        } catch (IllegalArgumentException e) {
            g.problem(e.getMessage());
            return null;
        }
    }

    private static AllowlistEntry entry(Fields f, Set<String> groupNames, Instant now) {
        DeviceIdentity identity = identity(f);
        Fields e = identity == null ? f : f.named(whereOf(f, identity.id()));
        String group = e.string("group", null, 64);
        if (!group.isEmpty() && !groupNames.contains(group)) {
            e.problem("group '" + group + "' is not defined");
        }
        Set<String> services = new TreeSet<>();
        for (Object uuid : e.list("services", MAX_SERVICES)) {
            if (uuid instanceof String text && text.length() <= 36) {
                services.add(text.toLowerCase(Locale.ROOT));
            } else {
                e.problem("'services' holds UUID strings, not " + uuid);
            }
        }
        String addressType = e.string("addressType", "", 16);
        String mac = e.string("mac", "", 64).toLowerCase(Locale.ROOT);
        String approvedBy = e.string("approvedBy", "import", 128);
        Instant approvedAt = e.instant("approvedAt", now);
        if (identity == null) {
            return null;
        }
        try {
            return new AllowlistEntry(identity, group, addressType, services, mac, approvedBy, approvedAt);
        } catch (IllegalArgumentException ex) {
            e.problem(ex.getMessage());
            return null;
        }
    }

    private static DeniedDevice denied(Fields f, Instant now) {
        DeviceIdentity identity = identity(f);
        Fields d = identity == null ? f : f.named(whereOf(f, identity.id()));
        String by = d.string("by", "import", 128);
        Instant at = d.instant("at", now);
        String reason = d.string("reason", "", 256);
        if (identity == null) {
            return null;
        }
        try {
            return new DeniedDevice(identity, by, at, reason);
        } catch (IllegalArgumentException e) {
            d.problem(e.getMessage());
            return null;
        }
    }

    private static DeviceIdentity identity(Fields f) {
        String transport = f.string("transport", null, 16);
        Transport parsed = null;
        for (Transport t : Transport.values()) {
            if (t.prefix().equals(transport)) {
                parsed = t;
            }
        }
        if (parsed == null) {
            f.problem("'transport' must be serial, ble, net or local");
        }
        String address = f.string("address", null, 128);
        try {
            return parsed == null ? null : new DeviceIdentity(parsed, address, f.string("model", "", 64),
                    f.string("serialNumber", "", 64), f.string("eui64", "", 16));
        } catch (IllegalArgumentException e) {
            f.problem(e.getMessage());
            return null;
        }
    }

    static String write(AllowlistDocument document) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        List<Object> groups = new ArrayList<>();
        for (DeviceGroup g : document.groups()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", g.name());
            out.put("metrics", new ArrayList<>(new TreeSet<>(g.metrics())));
            List<Object> ranges = new ArrayList<>();
            for (MetricRange r : g.ranges()) {
                ranges.add(map("metric", r.mdcCode(), "min", r.min(), "max", r.max()));
            }
            out.put("plausibility", ranges);
            out.put("maxReadingsPerSecond", BigDecimal.valueOf(g.maxReadingsPerSecond()).stripTrailingZeros());
            out.put("burst", g.burst());
            out.put("bondingRequired", g.bondingRequired());
            out.put("topicSuffix", g.topicSuffix());
            out.put("backendKeyId", g.backendKeyId());
            out.put("priority", g.priority());
            groups.add(out);
        }
        root.put("groups", groups);
        List<Object> devices = new ArrayList<>();
        for (AllowlistEntry e : document.entries()) {
            Map<String, Object> out = map("group", e.group());
            out.putAll(identityMap(e.identity()));
            if (e.identity().transport() == Transport.BLE) {
                out.put("addressType", e.addressType());
                out.put("services", new ArrayList<>(new TreeSet<>(e.services())));
            }
            if (!e.mac().isEmpty()) {
                out.put("mac", e.mac());
            }
            out.put("approvedBy", e.approvedBy());
            out.put("approvedAt", e.approvedAt().toString());
            devices.add(out);
        }
        root.put("devices", devices);
        List<Object> denied = new ArrayList<>();
        for (DeniedDevice d : document.denied()) {
            Map<String, Object> out = identityMap(d.identity());
            out.putAll(map("by", d.by(), "at", d.at().toString(), "reason", d.reason()));
            denied.add(out);
        }
        root.put("denied", denied);
        return JsonTree.write(root);
    }

    private static Map<String, Object> identityMap(DeviceIdentity id) {
        return map("transport", id.transport().prefix(), "address", id.address(), "model", id.model(),
                "serialNumber", id.serialNumber(), "eui64", id.eui64());
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String whereOf(Fields f, String name) {
        String base = f.where();
        return name.isEmpty() ? base : base + " (" + name + ")";
    }

    private static boolean isInt(BigDecimal number) {
        try {
            number.intValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
