package io.wardgate.web.ui;

import io.wardgate.api.pipeline.GatewayIdentity;
import io.wardgate.api.pipeline.OutboxStatus;
import io.wardgate.api.pipeline.UplinkStatus;
import io.wardgate.web.http.Call;
import io.wardgate.web.http.Reply;
import io.wardgate.web.port.DeviceAlert;
import io.wardgate.web.port.DeviceVitals;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The dashboard's one JSON answer: devices with their recent values, uplink, outbox, certificate, alarms. */
final class DashboardApi {
    static final Duration TREND_WINDOW = Duration.ofMinutes(15);
    static final int TREND_POINTS = 60;
    static final Duration CERTIFICATE_WARNING = Duration.ofDays(30);

    private final Services services;
    private final Clock clock;
    private final Backlog backlog = new Backlog();

    DashboardApi(Services services, Clock clock) {
        this.services = services;
        this.clock = clock;
    }

    Reply dashboard(Call call) {
        Instant now = clock.instant();
        List<Map<String, Object>> alarms = new ArrayList<>();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("site", services.siteName());
        out.put("now", now);
        out.put("gatewayId", services.identity().map(GatewayIdentity::gatewayId).orElse(""));
        out.put("uplink", uplink(alarms));
        out.put("outbox", outbox(now, alarms));
        out.put("certificate", certificate(now, alarms));
        out.put("devices", devices());
        out.put("deviceAlarms", services.deviceAlarms().isPresent());
        out.put("pendingDevices", pending(alarms));
        for (Map<String, Object> p : services.componentProblems()) {
            alarms.add(alarm(p.get("state").equals("failed") ? "critical" : "warning",
                    "Component " + p.get("component") + (p.get("state").equals("failed") ? " does not run: " : " ")
                            + p.get("reason")));
        }
        out.put("components", services.componentProblems());
        for (Map.Entry<String, List<String>> section : services.statusAlarms().entrySet()) {
            section.getValue().forEach(text -> alarms.add(alarm("warning", section.getKey() + ": " + text)));
        }
        out.put("alarms", alarms);
        return Reply.json(out);
    }

    private Map<String, Object> uplink(List<Map<String, Object>> alarms) {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<UplinkStatus> status = services.uplink().map(u -> u.status());
        out.put("available", status.isPresent());
        status.ifPresent(s -> {
            out.put("connected", s.connected());
            out.put("broker", s.broker());
            out.put("since", s.since());
            out.put("published", s.published());
            out.put("acknowledged", s.acknowledged());
            String why = plain(s.lastError());
            out.put("lastError", why);
            if (!s.connected()) {
                alarms.add(alarm("warning", "Uplink not connected" + (why.isEmpty() ? "" : ": " + why)));
            }
        });
        if (status.isEmpty()) {
            alarms.add(alarm("info", "Uplink service not running"));
        }
        return out;
    }

    private Map<String, Object> outbox(Instant now, List<Map<String, Object>> alarms) {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<OutboxStatus> status = services.outbox().map(o -> o.status());
        out.put("available", status.isPresent());
        status.ifPresent(s -> {
            out.put("envelopes", s.envelopes());
            out.put("bytes", s.bytes());
            out.put("capacityBytes", s.capacityBytes());
            out.put("oldest", s.oldest());
            out.put("ageSeconds", s.oldest() == null ? 0 : Math.max(0, Duration.between(s.oldest(), now).toSeconds()));
            out.put("alarm", s.alarm());
            boolean growing = backlog.record(now, s.envelopes());
            out.put("growing", growing);
            out.put("trend", backlog.trend());
            if (growing) {
                alarms.add(alarm("warning", "Outbox backlog growing: " + s.envelopes() + " envelopes waiting"));
            }
            if (s.alarm() != null && !s.alarm().isEmpty()) {
                alarms.add(alarm("critical", "Outbox: " + s.alarm()));
            }
        });
        return out;
    }

    private Map<String, Object> certificate(Instant now, List<Map<String, Object>> alarms) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<X509Certificate> chain = services.identity().map(GatewayIdentity::certificateChain).orElse(List.of());
        out.put("available", !chain.isEmpty());
        if (!chain.isEmpty()) {
            X509Certificate leaf = chain.get(0);
            Instant notAfter = leaf.getNotAfter().toInstant();
            out.put("subject", leaf.getSubjectX500Principal().getName());
            out.put("notAfter", notAfter);
            out.put("daysLeft", Duration.between(now, notAfter).toDays());
            if (notAfter.isBefore(now)) {
                alarms.add(alarm("critical", "Gateway certificate expired"));
            } else if (notAfter.isBefore(now.plus(CERTIFICATE_WARNING))) {
                alarms.add(alarm("warning", "Gateway certificate expires in "
                        + Duration.between(now, notAfter).toDays() + " days"));
            }
        } else if (services.identity().isPresent()) {
            alarms.add(alarm("warning", "No gateway certificate installed"));
        }
        return out;
    }

    private List<Map<String, Object>> devices() {
        List<Map<String, Object>> out = new ArrayList<>();
        List<DeviceVitals> recent = services.readings().map(r -> r.recent(TREND_WINDOW, TREND_POINTS)).orElse(List.of());
        Map<String, List<Map<String, Object>>> alerts = alerts();
        for (DeviceVitals device : recent) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("id", device.device().id());
            d.put("alerts", alerts.getOrDefault(device.device().id(), List.of()));
            d.put("model", device.device().model());
            d.put("location", device.location().toString());
            d.put("bed", device.location().bed());
            d.put("place", device.location().site() + "/" + device.location().ward());
            d.put("lastSeen", device.lastSeen());
            List<Map<String, Object>> series = new ArrayList<>();
            for (DeviceVitals.Series s : device.series()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("metric", s.metric().referenceId());
                m.put("name", MetricNames.name(s.metric()));
                m.put("code", s.metric().mdcCode());
                m.put("unit", s.unit().ucum());
                List<List<Object>> points = new ArrayList<>();
                for (DeviceVitals.Point p : s.points()) {
                    points.add(List.of(p.at().toEpochMilli(), p.value().toString()));
                }
                m.put("points", points);
                series.add(m);
            }
            d.put("series", series);
            out.add(d);
        }
        // A device that raised an alarm but sent no value in the window still gets its card.
        alerts.forEach((id, list) -> {
            if (recent.stream().noneMatch(v -> v.device().id().equals(id))) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("id", id);
                d.put("model", "");
                d.put("location", id);
                d.put("lastSeen", null);
                d.put("alerts", list);
                d.put("series", List.of());
                out.add(d);
            }
        });
        return out;
    }

    /** Device alarms, technical conditions and status flags by device id, for the beds' cards. */
    private Map<String, List<Map<String, Object>>> alerts() {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        List<DeviceAlert> recent = services.deviceAlarms().map(a -> a.recent(TREND_WINDOW)).orElse(List.of());
        for (DeviceAlert a : recent) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", a.kind().name().toLowerCase(java.util.Locale.ROOT));
            m.put("at", a.at());
            m.put("text", a.kind() == DeviceAlert.Kind.FLAGS ? MetricNames.name(a.metric()) + ": " + flags(a.flags())
                    : a.detail());
            out.computeIfAbsent(a.deviceId(), k -> new ArrayList<>()).add(m);
        }
        return out;
    }

    /** Status flags as words, e.g. "in alarm, low perfusion". */
    static String flags(java.util.Set<io.wardgate.api.StatusFlag> flags) {
        return flags.stream().sorted().map(f -> f.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private Object pending(List<Map<String, Object>> alarms) {
        if (services.devices().isEmpty()) {
            return null;
        }
        int count = services.devices().get().pending().size();
        if (count > 0) {
            alarms.add(alarm("info", count + " device(s) waiting for approval"));
        }
        return count;
    }

    private static final java.util.regex.Pattern JAVA_NAMES = java.util.regex.Pattern.compile(
            "(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)(?::\\s*)?");

    /** An error text for people: no Java class names, one line. */
    static String plain(String text) {
        if (text == null) {
            return "";
        }
        String one = text.lines().findFirst().orElse("");
        String out = JAVA_NAMES.matcher(one).replaceAll("").strip();
        return out.isEmpty() && !one.isEmpty() ? "see the gateway log" : out;
    }

    static Map<String, Object> alarm(String severity, String text) {
        return Map.of("severity", severity, "text", text);
    }
}
