package io.wardgate.api.manage;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One management operation. Its result map (values: String, Long, Boolean, byte[], List, Map) goes
 * into the gateway-signed reply with status "ok"; an exception becomes a reply with status "error"
 * and its message as the reason (an IllegalArgumentException for a refused argument).
 */
@ConsumerType
public interface ManagementOperation {
    /** Service property: the operation's name, e.g. "update.install" (1 to 64 printable ASCII). */
    String OPERATION = "wardgate.manage.operation";

    Map<String, Object> run(ManagementRequest request, ManagementContext context) throws Exception;
}
