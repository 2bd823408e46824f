package io.wardgate.api.config;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Validated, all-or-nothing configuration changes with wait-for-activation and rollback; what is
 * applied is written to the configuration directory when the gateway has one.
 */
@ProviderType
public interface ConfigurationChanges {
    /**
     * Applies {@code changes}: PID (a factory instance as "factoryPid~name") to attribute id to
     * value (text, integer, boolean, or a list of them; null removes the attribute so that its
     * default applies). Audited under {@code actor}. Never throws for bad input: problems are data.
     */
    ChangeResult apply(String actor, Map<String, Map<String, Object>> changes);

    /** Deletes one configuration (e.g. a named factory instance) and its file; audited. */
    ChangeResult delete(String actor, String pid);

    /** The gateway's components that are configured but do not run, with the reason in plain words. */
    List<ComponentProblem> problems();
}
