package io.wardgate.manage;

import io.wardgate.api.pipeline.GatewayIdentity;
import io.wardgate.api.pipeline.Outbox;
import io.wardgate.api.pipeline.OutboxStatus;
import io.wardgate.api.pipeline.Uplink;
import io.wardgate.audit.api.AuditLog;
import io.wardgate.audit.api.AuditQuery;
import io.wardgate.audit.api.AuditRecord;
import io.wardgate.api.manage.ManagementOperation;
import io.wardgate.api.manage.ManagementRequest;
import io.wardgate.policy.api.Allowlist;
import io.wardgate.policy.api.AllowlistEntry;
import io.wardgate.seal.admin.IdentityAdmin;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The operations that need only WardGate's own services (each may be absent at run time: then the
 * operation says so). Configuration lives in {@link ConfigOperations}.
 */
final class Operations {
    private static final int MAX_AUDIT_RECORDS = 1000;

    record Services(Supplier<GatewayIdentity> identity, Supplier<Allowlist> allowlist, Supplier<Outbox> outbox,
            Supplier<Uplink> uplink, Supplier<AuditLog> auditLog, Supplier<Map<String, String>> bundles,
            Supplier<IdentityAdmin> identityAdmin, Consumer<String> reconnect) {
    }

    private Operations() {
    }

    static Map<String, ManagementOperation> of(Services services) {
        Map<String, ManagementOperation> all = new LinkedHashMap<>();
        all.put("status", (request, context) -> status(services));
        all.put("allowlist.approve", (request, context) -> {
            AllowlistEntry entry = need(services.allowlist(), "allowlist").approve(request.text("device"),
                    request.text("group"), request.actor());
            return Map.of("device", entry.identity().id(), "group", entry.group());
        });
        all.put("allowlist.revoke", (request, context) -> {
            need(services.allowlist(), "allowlist").revoke(request.text("device"), request.text("reason"),
                    request.actor());
            return Map.of("device", request.text("device"));
        });
        all.put("audit.fetch", (request, context) -> audit(services, request));
        IdentityOperations.addTo(all, services);
        return all;
    }

    private static Map<String, Object> status(Services services) {
        Map<String, Object> out = new LinkedHashMap<>();
        GatewayIdentity identity = services.identity().get();
        if (identity != null) {
            out.put("gateway", identity.gatewayId());
            List<Object> certificates = new ArrayList<>();
            for (X509Certificate certificate : identity.certificateChain()) {
                certificates.add(IdentityOperations.describe(certificate));
            }
            out.put("certificates", certificates);
        }
        out.put("bundles", Map.copyOf(services.bundles().get()));
        Allowlist allowlist = services.allowlist().get();
        if (allowlist != null) {
            List<Object> devices = new ArrayList<>();
            for (AllowlistEntry entry : allowlist.current().entries()) {
                devices.add(Map.of("device", entry.identity().id(), "group", entry.group()));
            }
            out.put("devices", devices);
            out.put("pending", (long) allowlist.pending().size());
            out.put("policy", allowlist.status().toString());
        }
        List<Object> alarms = new ArrayList<>();
        Outbox outbox = services.outbox().get();
        if (outbox != null) {
            OutboxStatus status = outbox.status();
            out.put("outbox", status.toString());
            // a full disk or a corrupt file moved aside: a fleet that reads only the alarms must see it
            if (status.alarm() != null && !status.alarm().isEmpty()) {
                alarms.add("outbox: " + status.alarm());
            }
        }
        Uplink uplink = services.uplink().get();
        if (uplink != null) {
            out.put("uplink", uplink.status().toString());
            if (!uplink.status().lastError().isEmpty()) {
                alarms.add("uplink: " + uplink.status().lastError());
            }
        }
        out.put("alarms", alarms);
        return out;
    }

    private static Map<String, Object> audit(Services services, ManagementRequest request) {
        Object limitArg = request.args().get("limit");
        int limit = limitArg instanceof Long l && l > 0 && l <= MAX_AUDIT_RECORDS ? l.intValue() : 100;
        AuditQuery query = AuditQuery.latest(limit);
        if (request.args().get("action") instanceof String action && !action.isEmpty()) {
            query = query.withAction(action);
        }
        List<Object> records = new ArrayList<>();
        for (AuditRecord record : need(services.auditLog(), "audit log").query(query)) {
            records.add(Map.of("seq", record.sequence(), "at", record.event().at().toString(), "actor",
                    record.event().actor(), "action", record.event().action(), "target", record.event().target(),
                    "outcome", record.event().outcome().name(), "detail", record.event().detail(), "hash",
                    record.hash()));
        }
        return Map.of("records", records);
    }

    static <T> T need(Supplier<T> service, String name) {
        T value = service.get();
        if (value == null) {
            throw new IllegalStateException(name + " is not running on this gateway");
        }
        return value;
    }
}
