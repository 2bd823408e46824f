package io.wardgate.policy.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = PolicyComponent.PID, name = "WardGate device allowlist",
        description = "Which devices may deliver data (deny by default), their device groups and rules. "
                + "The allowlist is one JSON document so that every change applies as a whole or not at all.")
@interface PolicyConfig {

    @AttributeDefinition(name = "Allowlist (JSON)",
            description = "The whole allowlist: {\"format\":\"wardgate-allowlist/1\",\"groups\":[...],\"devices\":[...],"
                    + "\"denied\":[...]}; see docs/security.md. Validated as a whole: a document with any bad item is "
                    + "refused, audited as ALLOWLIST_REJECTED, and the previous allowlist stays in force. At most 1 MiB, "
                    + "64 groups, 1024 devices.")
    String allowlist() default "{\"format\":\"wardgate-allowlist/1\",\"groups\":[],\"devices\":[],\"denied\":[]}";

    @AttributeDefinition(name = "Pending list size", min = "1", max = "1024",
            description = "Unknown devices held for approval at most (1 to 1024). When full, further unknown devices "
                    + "are dropped without an entry, and PENDING_LIST_FULL is audited.")
    int pendingMax() default 64;

    @AttributeDefinition(name = "Pending expiry (minutes)", min = "1", max = "525600",
            description = "A pending device not seen for this long leaves the list (1 minute to 1 year).")
    int pendingExpiryMinutes() default 1440;

    @AttributeDefinition(name = "Audit interval (seconds)", min = "0", max = "86400",
            description = "A repeated device event (not allowed, throttled, identity changed) is audited at most "
                    + "once per interval per device; the next record counts those held back (0 to 86400).")
    int auditIntervalSeconds() default 60;

    @AttributeDefinition(name = "Hand-off queue (batches per device)", min = "1", max = "4096",
            description = "Batches of readings queued per device while the sealer is busy; beyond it they are dropped "
                    + "and READINGS_DROPPED is audited (1 to 4096).")
    int queueBatches() default 64;
}
