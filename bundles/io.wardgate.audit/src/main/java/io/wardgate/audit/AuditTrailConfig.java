package io.wardgate.audit;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = AuditTrailComponent.PID, name = "WardGate audit trail",
        description = "Tamper-evident (hash-chained) security audit trail, stored in append-only segment files.")
@interface AuditTrailConfig {

    @AttributeDefinition(name = "Directory",
            description = "Directory of the segment files, absolute or relative to the data directory; created "
                    + "with mode 0700 when absent. Only one gateway process may use it at a time.")
    String directory() default "audit";

    @AttributeDefinition(name = "Maximum bytes", min = "12288",
            description = "Bound on all retained segments together, at least three segments. When full, the oldest "
                    + "segment is dropped and an AUDIT_SEGMENT_DROPPED record says so. Default 64 MiB.")
    long maxBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(name = "Segment bytes", min = "4096", max = "1073741824",
            description = "Size at which a segment is closed and the next begins (4 KiB to 1 GiB). Default 4 MiB.")
    long segmentBytes() default 4L * 1024 * 1024;

    @AttributeDefinition(name = "Warning percent", min = "50", max = "99",
            description = "Usage at which AUDIT_NEAR_FULL is recorded and the status shows near full (50 to 99).")
    int warnPercent() default 80;

    @AttributeDefinition(name = "Gateway id",
            description = "Written into every record as 'where': 1 to 64 letters, digits, '.', '_' or '-'. Left at"
                    + " 'unconfigured', records carry the gateway identity's id once the identity runs.")
    String gatewayId() default "unconfigured";

    @AttributeDefinition(name = "Location",
            description = "Written into every record as 'where', e.g. 'st-marys/icu-3': 1 to 128 printable characters.")
    String location() default "unconfigured";
}
