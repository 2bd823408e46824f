package io.wardgate.web.ui;

import io.wardgate.web.http.Call;
import io.wardgate.web.http.Reply;
import io.wardgate.web.port.AuditLog;
import io.wardgate.web.port.AuditRecord;
import io.wardgate.web.port.ChainCheck;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Audit search and chain verification through the AuditLog port. */
final class AuditApi {
    static final int MAX_LIMIT = 500;
    private final Services services;

    AuditApi(Services services) {
        this.services = services;
    }

    Reply search(Call call) {
        Optional<AuditLog> log = services.auditLog();
        if (log.isEmpty()) {
            return Reply.json(Map.of("available", false));
        }
        Optional<List<AuditRecord>> found = find(call, log.get());
        if (found.isEmpty()) {
            return Reply.error(400, "search text longer than 200 characters, or limit not a number");
        }
        return Reply.json(Map.of("available", true, "records", found.get().stream().map(AuditApi::record).toList()));
    }

    /** The same search as CSV (UTC times, RFC 4180 quoting; cells that a spreadsheet would run as a formula are defused). */
    Reply csv(Call call) {
        Optional<AuditLog> log = services.auditLog();
        if (log.isEmpty()) {
            return Reply.error(503, "The audit log is not available");
        }
        Optional<List<AuditRecord>> found = find(call, log.get());
        if (found.isEmpty()) {
            return Reply.error(400, "search text longer than 200 characters, or limit not a number");
        }
        StringBuilder out = new StringBuilder("sequence,time_utc,actor,action,target,outcome,detail,hash\r\n");
        for (AuditRecord r : found.get()) {
            out.append(r.sequence()).append(',').append(r.event().at()).append(',').append(cell(r.event().actor()))
                    .append(',').append(cell(r.event().action())).append(',').append(cell(r.event().target()))
                    .append(',').append(r.event().outcome()).append(',').append(cell(r.event().detail())).append(',')
                    .append(cell(r.hash())).append("\r\n");
        }
        return Reply.bytes("text/csv; charset=utf-8", out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private static Optional<List<AuditRecord>> find(Call call, AuditLog log) {
        String text = call.field("q").orElse("");
        if (text.length() > 200) {
            return Optional.empty();
        }
        Instant from = instant(call, "from");
        Instant to = instant(call, "to");
        int limit;
        try {
            limit = Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(call.field("limit").orElse("100"))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(log.search(text, from, to, limit));
    }

    Reply verify(Call call) {
        Optional<AuditLog> log = services.auditLog();
        if (log.isEmpty()) {
            return Reply.json(Map.of("available", false));
        }
        ChainCheck check = log.get().verifyChain();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("available", true);
        out.put("intact", check.intact());
        out.put("records", check.records());
        out.put("firstBroken", check.firstBroken());
        out.put("detail", check.detail());
        return Reply.json(out);
    }

    private static Instant instant(Call call, String name) {
        Optional<String> text = call.field(name).filter(s -> !s.isEmpty());
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text.get());
        } catch (DateTimeParseException e) {
            throw new Call.BadRequest(name + " is an ISO-8601 instant such as 2026-01-31T08:00:00Z");
        }
    }

    private static Map<String, Object> record(AuditRecord r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sequence", r.sequence());
        out.put("at", r.event().at());
        out.put("actor", r.event().actor());
        out.put("action", r.event().action());
        out.put("target", r.event().target());
        out.put("outcome", r.event().outcome());
        out.put("detail", r.event().detail());
        out.put("hash", r.hash());
        return out;
    }
}
