package io.wardgate.api.config;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A component's own check of proposed settings, asked before anything is applied (whiteboard: a
 * service with the property {@link #PID} naming the PID or factory PID it checks). It catches what
 * Metatype cannot say, such as a broker URL that is not TLS or a topic level with a space, even
 * while the component cannot start for another reason.
 */
@ConsumerType
public interface ConfigurationCheck {
    /** Service property: the PID or factory PID this check is for. */
    String PID = "wardgate.config.check.pid";

    /** The problems of these complete proposed properties, each in plain words; empty when fine. */
    List<String> problems(Map<String, Object> properties);
}
