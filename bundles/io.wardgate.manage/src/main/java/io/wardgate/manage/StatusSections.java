package io.wardgate.manage;

import io.wardgate.api.manage.ManagementOperation;
import io.wardgate.api.manage.StatusContribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sections other bundles add to the status reply ({@link StatusContribution} whiteboard). A section
 * that fails does not fail the status: it becomes an alarm, since IT cannot see that part.
 */
final class StatusSections {
    private static final Logger LOG = LoggerFactory.getLogger(StatusSections.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9.-]{1,32}");
    private static final int MAX_ALARMS_PER_SECTION = 20;

    private final Map<String, StatusContribution> byName = new ConcurrentSkipListMap<>();

    void add(StatusContribution contribution, Map<String, Object> properties) {
        if (!(properties.get(StatusContribution.NAME) instanceof String name) || !NAME.matcher(name).matches()) {
            LOG.warn("Status contribution without a usable {} ignored", StatusContribution.NAME);
        } else if (byName.putIfAbsent(name, contribution) != null) {
            LOG.warn("Status section {} offered twice; the first one stays", name);
        }
    }

    void remove(StatusContribution contribution) {
        byName.values().removeIf(registered -> registered == contribution);
    }

    /** The built-in status operation with every section and its alarms added. */
    ManagementOperation around(ManagementOperation status) {
        return (request, context) -> {
            Map<String, Object> out = new LinkedHashMap<>(status.run(request, context));
            List<Object> alarms = new ArrayList<>(out.get("alarms") instanceof List<?> list ? list : List.of());
            byName.forEach((name, section) -> {
                if (out.containsKey(name)) {
                    return; // a built-in key is never replaced
                }
                try {
                    out.put(name, Map.copyOf(section.status()));
                    section.alarms().stream().limit(MAX_ALARMS_PER_SECTION).forEach(a -> alarms.add(name + ": " + a));
                } catch (RuntimeException e) {
                    alarms.add(name + ": status unavailable (" + e.getClass().getSimpleName() + ")");
                }
            });
            out.put("alarms", alarms);
            return out;
        };
    }
}
