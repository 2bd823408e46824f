package io.wardgate.manage;

import io.wardgate.api.manage.ManagementOperation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operations other bundles register as {@link ManagementOperation} services (whiteboard), by the
 * names in their {@value ManagementOperation#OPERATION} property. A built-in name cannot be taken.
 */
final class ContributedOperations {
    private static final Logger LOG = LoggerFactory.getLogger(ContributedOperations.class);
    private static final Pattern NAME = Pattern.compile("[\\x21-\\x7E]{1,64}");

    private final Map<String, ManagementOperation> byName = new ConcurrentHashMap<>();

    void add(ManagementOperation operation, Map<String, Object> properties) {
        for (String name : ConfigValidator.asStrings(properties.get(ManagementOperation.OPERATION))) {
            if (!NAME.matcher(name).matches()) {
                LOG.warn("Management operation with an unusable name ignored");
            } else if (byName.putIfAbsent(name, operation) != null) {
                LOG.warn("Management operation {} offered twice; the first one stays", name);
            }
        }
    }

    void remove(ManagementOperation operation) {
        byName.values().removeIf(registered -> registered == operation);
    }

    /** Built-ins first, then contributed operations by name. */
    Function<String, ManagementOperation> over(Map<String, ManagementOperation> builtIn) {
        Map<String, ManagementOperation> fixed = Map.copyOf(builtIn);
        return name -> fixed.containsKey(name) ? fixed.get(name) : byName.get(name);
    }
}
