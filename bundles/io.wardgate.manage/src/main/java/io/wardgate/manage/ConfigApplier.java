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
        boolean settledOnce = false;
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
                // Settled twice in a row: a component that looked settled a moment before its
                // activation failed (seen under load) is caught by the second look.
                if (settledOnce) {
                    return null;
                }
                settledOnce = true;
            } else {
                settledOnce = false;
            }
            if (pending != null && System.nanoTime() - deadline > 0) {
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
                        return "!" + name(description) + " did not start with these settings: "
                                + Plain.reason(dto.failure);
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

    /**
     * After an applied change: the affected components that still wait for a service, in plain
     * words (the change is kept; it takes effect when the service appears).
     */
    List<String> waiting(List<Plan> plans) {
        List<String> out = new ArrayList<>();
        for (Plan plan : plans) {
            for (ComponentConfigurationDTO dto : configurations(plan)) {
                if (dto.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    out.add(name(dto.description) + " is saved but does not run yet: it waits for " + needs(dto));
                }
            }
        }
        return out;
    }

    /** Every configured WardGate component that does not run, with why. */
    List<io.wardgate.api.config.ComponentProblem> problems() {
        List<io.wardgate.api.config.ComponentProblem> out = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (description.bundle == null || description.bundle.symbolicName == null
                    || !description.bundle.symbolicName.startsWith("io.wardgate.") || !scr.isComponentEnabled(description)) {
                continue;
            }
            for (ComponentConfigurationDTO dto : scr.getComponentConfigurationDTOs(description)) {
                String pid = String.join(",", ConfigValidator.asStrings(dto.properties.get("service.pid")));
                if (pid.isEmpty()) {
                    continue; // not configured by anyone: not a problem of a configuration
                }
                switch (dto.state) {
                    case ComponentConfigurationDTO.FAILED_ACTIVATION -> out.add(new io.wardgate.api.config.ComponentProblem(
                            name(description), pid, "failed", Plain.reason(dto.failure)));
                    case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> out.add(
                            new io.wardgate.api.config.ComponentProblem(name(description), pid, "waiting",
                                    "waits for " + needs(dto)));
                    default -> {
                    }
                }
            }
        }
        return out;
    }

    /** "UplinkComponent" of "io.wardgate.uplink.UplinkComponent", as people read it: "uplink". */
    static String name(ComponentDescriptionDTO description) {
        String simple = description.name.substring(description.name.lastIndexOf('.') + 1)
                .replaceAll("(Component|Service|Impl)$", "");
        return words(simple);
    }

    private static String needs(ComponentConfigurationDTO dto) {
        List<String> names = new ArrayList<>();
        for (UnsatisfiedReferenceDTO reference : dto.unsatisfiedReferences == null ? new UnsatisfiedReferenceDTO[0]
                : dto.unsatisfiedReferences) {
            String type = reference.name;
            for (var declared : dto.description.references) {
                if (declared.name.equals(reference.name)) {
                    type = declared.interfaceName.substring(declared.interfaceName.lastIndexOf('.') + 1);
                }
            }
            names.add(type.equals("GatewayIdentity") ? "the gateway identity (install the signed certificate)"
                    : "the " + words(type) + " service");
        }
        return names.isEmpty() ? "a service" : String.join(" and ", names);
    }

    private static String words(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    private boolean hasValues(ComponentConfigurationDTO dto, Plan plan) {
        for (String key : plan.changed()) {
            Object wanted = plan.properties().get(key);
            // A sealed value reaches the component opened (SealedSettingsPlugin): it cannot compare equal.
            if (wanted instanceof String stored && io.wardgate.api.secrets.SecretBox.isSealed(stored)) {
                continue;
            }
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

    private static String plan(List<Plan> plans) {
        return String.join(", ", plans.stream().map(p -> p.target().pid()).toList());
    }

    static Map<String, Object> summary(Plan plan) {
        return Map.of("pid", plan.target().pid(), "changed", plan.changed());
    }
}
