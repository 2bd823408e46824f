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
        String text = call.field("q").orElse("");
        if (text.length() > 200) {
            return Reply.error(400, "search text longer than 200 characters");
        }
        Instant from = instant(call, "from");
        Instant to = instant(call, "to");
        int limit;
        try {
            limit = Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(call.field("limit").orElse("100"))));
        } catch (NumberFormatException e) {
            return Reply.error(400, "limit is a number");
        }
        List<Map<String, Object>> records = log.get().search(text, from, to, limit).stream().map(AuditApi::record).toList();
        return Reply.json(Map.of("available", true, "records", records));
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
