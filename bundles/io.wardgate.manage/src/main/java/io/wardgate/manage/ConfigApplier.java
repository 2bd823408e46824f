package io.wardgate.manage;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.cm.Configuration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Applies validated changes to one or more PIDs as a unit: writes them through ConfigurationAdmin,
 * waits (bounded) until Declarative Services has taken each new configuration, and if any affected
 * component failed to activate, lacks its configuration, or lost references it had before, puts
 * back ALL previous properties (deleting configurations that did not exist) and says why.
 */
final class ConfigApplier {
    private static final long POLL_MS = 50;

    /** One PID's change: the target and its complete new properties. */
    record Plan(ConfigTargets.Target target, Hashtable<String, Object> properties, List<String> changed) {
    }

    private final ConfigTargets targets;
    private final ServiceComponentRuntime scr;
    private final Duration settle;

    ConfigApplier(ConfigTargets targets, ServiceComponentRuntime scr, Duration settle) {
        this.targets = targets;
        this.scr = scr;
        this.settle = settle;
    }

    /** Null when every plan took effect; otherwise the failure, after everything was rolled back. */
    String apply(List<Plan> plans) throws IOException {
        Set<String> satisfiedBefore = new HashSet<>();
        for (Plan plan : plans) {
            for (ComponentConfigurationDTO dto : configurations(plan)) {
                if (dto.state == ComponentConfigurationDTO.ACTIVE || dto.state == ComponentConfigurationDTO.SATISFIED) {
                    satisfiedBefore.add(dto.description.name);
                }
            }
        }
        List<Configuration> written = new ArrayList<>();
        List<Hashtable<String, Object>> previous = new ArrayList<>();
        String failure = null;
        try {
            for (Plan plan : plans) {
                Configuration configuration = plan.target().existing().isPresent() ? plan.target().existing().get()
                        : targets.create(plan.target());
                previous.add(plan.target().existing().isPresent()
                        ? ConfigValidator.copy(configuration.getProperties()) : null);
                written.add(configuration);
                configuration.update(plan.properties());
            }
            failure = awaitSettled(plans, satisfiedBefore);
        } catch (IOException | RuntimeException e) {
            failure = "ConfigurationAdmin refused the change: " + e.getMessage();
        }
        if (failure != null) {
            rollback(written, previous);
        }
        return failure;
    }

    private static void rollback(List<Configuration> written, List<Hashtable<String, Object>> previous)
            throws IOException {
        for (int i = written.size() - 1; i >= 0; i--) {
            if (previous.get(i) == null) {
                written.get(i).delete();
            } else {
                written.get(i).update(previous.get(i));
            }
        }
    }

    /** Null once every affected component runs with its new configuration; else the first failure. */
    private String awaitSettled(List<Plan> plans, Set<String> satisfiedBefore) {
        long deadline = System.nanoTime() + settle.toNanos();
        String pending = null;
        while (true) {
            pending = null;
            for (Plan plan : plans) {
                String problem = check(plan, satisfiedBefore);
                if (problem != null && problem.startsWith("!")) {
                    return problem.substring(1);
                }
                if (problem != null && pending == null) {
                    pending = problem;
                }
            }
            if (pending == null) {
                return null;
            }
            if (System.nanoTime() - deadline > 0) {
                return pending + " (waited " + settle.toSeconds() + " s)";
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while waiting for " + plan(plans);
            }
        }
    }

    /** Null when settled; "!" + reason for a definite failure; a reason to keep waiting otherwise. */
    private String check(Plan plan, Set<String> satisfiedBefore) {
        String pid = plan.target().pid();
        for (ComponentDescriptionDTO description : descriptions(plan)) {
            List<ComponentConfigurationDTO> mine = new ArrayList<>();
            for (ComponentConfigurationDTO dto : scr.getComponentConfigurationDTOs(description)) {
                if (ConfigValidator.asStrings(dto.properties.get("service.pid")).contains(pid) && hasValues(dto, plan)) {
                    mine.add(dto);
                }
            }
            if (mine.isEmpty()) {
                return "component " + description.name + " did not take the new configuration of " + pid;
            }
            for (ComponentConfigurationDTO dto : mine) {
                switch (dto.state) {
                    case ComponentConfigurationDTO.FAILED_ACTIVATION:
                        return "!component " + description.name + " failed to activate with " + pid + ": "
                                + firstLine(dto.failure);
                    case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION:
                        return "!component " + description.name + " lacks its configuration " + pid;
                    case ComponentConfigurationDTO.UNSATISFIED_REFERENCE:
                        if (satisfiedBefore.contains(description.name)) {
                            return "component " + description.name + " lost references " + missing(dto);
                        }
                        break;
                    case ComponentConfigurationDTO.SATISFIED:
                        // An immediate component passes through SATISFIED on its way to ACTIVE or
                        // FAILED_ACTIVATION; only a delayed one rests there (until first used).
                        if (description.immediate) {
                            return "component " + description.name + " is still activating with " + pid;
                        }
                        break;
                    default:
                        break;
                }
            }
        }
        return null;
    }

    private boolean hasValues(ComponentConfigurationDTO dto, Plan plan) {
        for (String key : plan.changed()) {
            Object wanted = plan.properties().get(key);
            if (wanted != null && !ConfigValidator.asStrings(wanted)
                    .equals(ConfigValidator.asStrings(dto.properties.get(key)))) {
                return false;
            }
        }
        return true;
    }

    private List<ComponentDescriptionDTO> descriptions(Plan plan) {
        String definition = plan.target().described().pid();
        List<ComponentDescriptionDTO> out = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (description.configurationPid != null && List.of(description.configurationPid).contains(definition)
                    && scr.isComponentEnabled(description)) {
                out.add(description);
            }
        }
        return out;
    }

    private List<ComponentConfigurationDTO> configurations(Plan plan) {
        List<ComponentConfigurationDTO> out = new ArrayList<>();
        for (ComponentDescriptionDTO description : descriptions(plan)) {
            for (ComponentConfigurationDTO dto : scr.getComponentConfigurationDTOs(description)) {
                if (ConfigValidator.asStrings(dto.properties.get("service.pid")).contains(plan.target().pid())) {
                    out.add(dto);
                }
            }
        }
        return out;
    }

    private static String missing(ComponentConfigurationDTO dto) {
        List<String> names = new ArrayList<>();
        for (UnsatisfiedReferenceDTO reference : dto.unsatisfiedReferences == null ? new UnsatisfiedReferenceDTO[0]
                : dto.unsatisfiedReferences) {
            names.add(reference.name);
        }
        return names.toString();
    }

    private static String firstLine(String failure) {
        if (failure == null || failure.isBlank()) {
            return "no reason given";
        }
        String line = failure.lines().findFirst().orElse("").replaceAll("[^\\x20-\\x7E]", "?");
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }

    private static String plan(List<Plan> plans) {
        return String.join(", ", plans.stream().map(p -> p.target().pid()).toList());
    }

    static Map<String, Object> summary(Plan plan) {
        return Map.of("pid", plan.target().pid(), "changed", plan.changed());
    }
}
