package io.wardgate.web.ui;

import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.web.auth.Audit;
import io.wardgate.web.http.Call;
import io.wardgate.web.http.Reply;
import io.wardgate.web.port.AllowlistEntry;
import io.wardgate.web.port.DeviceGroup;
import io.wardgate.web.port.DeniedEntry;
import io.wardgate.web.port.DeviceRegistry;
import io.wardgate.web.port.GroupRules;
import io.wardgate.web.port.PendingDevice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The allowlist, pending approvals and groups, through the DeviceRegistry port. */
final class DevicesApi {
    private final Services services;
    private final Audit audit;

    DevicesApi(Services services, Audit audit) {
        this.services = services;
        this.audit = audit;
    }

    Reply list(Call call) {
        Optional<DeviceRegistry> registry = services.devices();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("available", registry.isPresent());
        if (registry.isPresent()) {
            out.put("allowed", registry.get().allowed().stream().map(DevicesApi::entry).toList());
            Map<String, String> protocols = services.serialProtocols();
            out.put("pending", registry.get().pending().stream().map(p -> pending(p, protocols)).toList());
            Map<Integer, io.wardgate.api.Metric> seen = new java.util.HashMap<>();
            services.readings().ifPresent(r -> r.recent(java.time.Duration.ofMinutes(15), 1)
                    .forEach(d -> d.series().forEach(s -> seen.put(s.metric().mdcCode(), s.metric()))));
            out.put("groups", registry.get().groups().stream().map(g -> group(g, seen)).toList());
            out.put("denied", registry.get().denied().stream().map(DevicesApi::denied).toList());
            out.put("metricChoices", java.util.Arrays.stream(io.wardgate.api.VitalSign.values())
                    .map(v -> Map.of("code", v.metric().mdcCode(), "name", MetricNames.name(v.metric()))).toList());
        }
        return Reply.json(out);
    }

    Reply approve(Call call) {
        String id = call.required("device");
        String group = call.required("group");
        return change(call, id, "DEVICE_APPROVED", r -> r.approve(id, group, call.actor()));
    }

    Reply reject(Call call) {
        String id = call.required("device");
        String reason = call.field("reason").orElse("");
        return change(call, id, "DEVICE_REJECTED", r -> r.reject(id, reason, call.actor()));
    }

    Reply revoke(Call call) {
        String id = call.required("device");
        String reason = call.field("reason").orElse("");
        return change(call, id, "DEVICE_REVOKED", r -> r.revoke(id, reason, call.actor()));
    }

    Reply reallow(Call call) {
        String id = call.required("device");
        return change(call, id, "DEVICE_REALLOWED", r -> r.reallow(id, call.actor()));
    }

    /** The group editor: a group with its metrics (MDC codes), rate, burst, topic, backend key, priority. */
    Reply putGroup(Call call) {
        String name = call.required("name");
        GroupRules rules;
        try {
            List<Integer> metrics = call.fields("metric").stream().map(String::strip).map(Integer::valueOf).toList();
            rules = new GroupRules(name, metrics, Double.parseDouble(call.required("maxReadingsPerSecond").strip()),
                    Integer.parseInt(call.required("burst").strip()), call.field("bondingRequired").orElse("").equals("true"),
                    call.required("topicSuffix").strip(), call.required("backendKeyId").strip(),
                    Integer.parseInt(call.field("priority").orElse("5").strip()));
        } catch (NumberFormatException e) {
            return Reply.error(400, "Rate, burst, priority and metrics are numbers");
        }
        if (rules.metrics().isEmpty()) {
            return Reply.error(400, "Choose at least one metric the group's devices may deliver");
        }
        return change(call, name, "DEVICE_GROUP_SAVED", r -> r.putGroup(rules, call.actor()));
    }

    private Reply change(Call call, String id, String action, java.util.function.Consumer<DeviceRegistry> op) {
        if (id.length() > 160) {
            return Reply.error(400, "device id too long");
        }
        Optional<DeviceRegistry> registry = services.devices();
        if (registry.isEmpty()) {
            return Reply.error(503, "The device policy is not running");
        }
        String target = printable(id);
        try {
            op.accept(registry.get());
        } catch (IllegalArgumentException e) {
            audit.record(call.actor(), action, target, Outcome.FAILURE, printable(e.getMessage()));
            return Reply.error(400, e.getMessage() == null ? "refused" : e.getMessage());
        }
        // The registry audited the change itself (see DeviceRegistry): a second record here would be a duplicate.
        return Reply.ok();
    }

    private static String printable(String s) {
        String clean = s == null ? "" : s.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 200 ? clean.substring(0, 200) : clean;
    }

    private static Map<String, Object> identity(DeviceIdentity d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.id());
        out.put("transport", d.transport().prefix());
        out.put("address", d.address());
        out.put("model", d.model());
        out.put("serialNumber", d.serialNumber());
        return out;
    }

    private static Map<String, Object> entry(AllowlistEntry e) {
        Map<String, Object> out = identity(e.identity());
        out.put("group", e.group());
        out.put("approvedAt", e.approvedAt());
        out.put("approvedBy", e.approvedBy());
        return out;
    }

    /** Enough to decide: where it stands, what it speaks, since when, and what it sent. */
    private static Map<String, Object> pending(PendingDevice p, Map<String, String> protocols) {
        Map<String, Object> out = identity(p.identity());
        out.put("firstSeen", p.firstSeen());
        out.put("lastSeen", p.lastSeen());
        out.put("reason", p.reason());
        out.put("bed", p.location() == null ? null : p.location().bed());
        out.put("location", p.location() == null ? null : p.location().site() + "/" + p.location().ward());
        out.put("protocol", p.identity().transport() == io.wardgate.api.Transport.SERIAL
                ? protocols.get(p.identity().address()) : p.identity().transport().prefix());
        out.put("metrics", p.metrics().stream().map(c -> metricName(c, Map.of())).toList());
        return out;
    }

    /** Metric names, see {@link #metricName}. */
    private static Map<String, Object> group(DeviceGroup g, Map<Integer, io.wardgate.api.Metric> seen) {
        List<String> names = g.metrics().stream().map(c -> metricName(c, seen)).toList();
        return Map.of("name", g.name(), "description", g.description(), "metrics", names);
    }

    /** A metric's name: from the table of names, the nomenclature, what devices sent recently, else "MDC code n". */
    static String metricName(int code, Map<Integer, io.wardgate.api.Metric> seen) {
        String known = MetricNames.name(String.valueOf(code));
        if (!known.equals(String.valueOf(code))) {
            return known;
        }
        java.util.Optional<io.wardgate.api.Metric> metric = io.wardgate.api.nomenclature.Nomenclature.standard().term(code)
                .map(io.wardgate.api.nomenclature.Term::metric).or(() -> java.util.Optional.ofNullable(seen.get(code)));
        return metric.map(MetricNames::name).orElse("MDC code " + code);
    }

    private static Map<String, Object> denied(DeniedEntry d) {
        Map<String, Object> out = identity(d.identity());
        out.put("by", d.by());
        out.put("at", d.at());
        out.put("reason", d.reason());
        return out;
    }

}
