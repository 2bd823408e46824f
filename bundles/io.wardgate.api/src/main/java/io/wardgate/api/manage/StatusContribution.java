package io.wardgate.api.manage;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A section of the {@code status} reply from another bundle (whiteboard): its figures under the
 * name in the service property {@value #NAME}, and its alarms, which join the reply's "alarms"
 * list prefixed with that name. Both methods return quickly and never block on the network.
 */
@ConsumerType
public interface StatusContribution {
    /** Service property: the section's name in the status reply, e.g. "update" (1 to 32 of [a-z0-9.-]). */
    String NAME = "wardgate.manage.status";

    /** The figures (values as in a reply: String, Long, Boolean, List, Map). */
    Map<String, Object> status();

    /** Conditions IT must act on, as short printable sentences; empty when there are none. */
    List<String> alarms();
}
