package io.wardgate.manage;

import io.wardgate.api.config.ChangeResult;
import io.wardgate.api.config.ConfigurationCheck;
import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.secrets.SecretBox;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;

/**
 * The one way configuration changes are made, for the management channel's config.put and the
 * web console alike: validate every PID (Metatype, then the component's own {@link
 * ConfigurationCheck}), apply all together, wait until the components run with them, roll back
 * all when one does not, write what was applied to the configuration directory, audit.
 */
final class ConfigChanges {
    static final String PID_SYNTAX = "[A-Za-z0-9._~-]{1,200}";

    private final BundleContext context;
    private final ConfigTargets targets;
    private final ConfigApplier applier;
    private final ConfigFiles files;
    private final Supplier<Optional<AuditTrail>> audit;
    private final int maxPids;
    private final Supplier<Optional<SecretBox>> secrets;
    private final Clock clock = Clock.systemUTC();

    ConfigChanges(BundleContext context, ConfigTargets targets, ConfigApplier applier, ConfigFiles files,
            Supplier<Optional<AuditTrail>> audit, Supplier<Optional<SecretBox>> secrets, int maxPids) {
        this.context = context;
        this.secrets = secrets;
        this.targets = targets;
        this.applier = applier;
        this.files = files;
        this.audit = audit;
        this.maxPids = maxPids;
    }

    /** Validated plans, or the problems (PID to attribute to reason); nothing is changed here. */
    record Planned(List<ConfigApplier.Plan> plans, Map<String, Map<String, String>> problems) {
    }

    Planned plan(Map<?, ?> changes) throws IOException {
        Map<String, Map<String, String>> problems = new LinkedHashMap<>();
        List<ConfigApplier.Plan> plans = new ArrayList<>();
        if (changes == null || changes.isEmpty() || changes.size() > maxPids) {
            problems.put("*", Map.of("*", "a change names 1 to " + maxPids + " configurations"));
            return new Planned(plans, problems);
        }
        Map<String, ConfigTargets.Described> described = targets.described();
        for (Map.Entry<?, ?> change : changes.entrySet()) {
            if (!(change.getKey() instanceof String pid) || !pid.matches(PID_SYNTAX)
                    || !(change.getValue() instanceof Map<?, ?> values)) {
                problems.put("*", Map.of("*", "a PID must be text (letters, digits, . _ - ~) mapped to its changes"));
                continue;
            }
            try {
                ConfigTargets.Target target = targets.target(pid, described);
                ConfigValidator.Result result = ConfigValidator.validate(target.described().ocd(), values,
                        target.existing().map(Configuration::getProperties).orElse(null));
                Map<String, String> mine = new LinkedHashMap<>(result.problems());
                if (mine.isEmpty()) {
                    for (String problem : checks(target.described().pid(), result.properties())) {
                        mine.merge("*", problem, (a, b) -> a + "; " + b);
                    }
                }
                if (mine.isEmpty()) {
                    // After the checks, which see the clear text; before anything is stored.
                    mine.putAll(PasswordSealing.seal(target.described().pid(), target.described().ocd(),
                            result.properties(), result.changed(), secrets.get()));
                }
                if (!mine.isEmpty()) {
                    problems.put(pid, mine);
                } else if (!result.changed().isEmpty() || target.existing().isEmpty()) {
                    plans.add(new ConfigApplier.Plan(target, result.properties(), result.changed()));
                }
            } catch (IllegalArgumentException e) {
                problems.put(pid, Map.of("*", String.valueOf(e.getMessage())));
            }
        }
        return new Planned(plans, problems);
    }

    /** Applies validated changes; {@code via} says through what, for the audit trail. */
    ChangeResult apply(String actor, Map<?, ?> changes, String via) {
        Planned planned;
        try {
            planned = plan(changes);
        } catch (IOException e) {
            return ChangeResult.refused(Map.of("*", Map.of("*", "configuration store unreadable: " + e.getMessage())));
        }
        if (!planned.problems().isEmpty()) {
            return ChangeResult.refused(planned.problems());
        }
        List<ConfigApplier.Plan> plans = planned.plans();
        List<String> notices = new ArrayList<>();
        try {
            for (ConfigApplier.Plan plan : plans) {
                files.prepare(plan, notices);
            }
            String failure = plans.isEmpty() ? null : applier.apply(plans);
            if (failure != null) {
                record(actor, "CONFIG_ROLLED_BACK", Outcome.FAILURE, describe(plans) + "; " + failure + " (" + via + ")");
                return ChangeResult.rolledBack(Plain.reason(failure));
            }
        } catch (IOException e) {
            return ChangeResult.rolledBack("the configuration store refused the change: " + e.getMessage());
        }
        List<String> applied = new ArrayList<>();
        for (ConfigApplier.Plan plan : plans) {
            applied.add(plan.target().pid());
            files.write(plan, notices);
            record(actor, "CONFIG_CHANGED", Outcome.SUCCESS,
                    plan.target().pid() + " keys " + String.join(", ", plan.changed()) + " (" + via + ")");
        }
        notices.addAll(applier.waiting(plans));
        return new ChangeResult(ChangeResult.Status.APPLIED, Map.of(), "", applied, notices);
    }

    ChangeResult delete(String actor, String pid, String via) {
        try {
            if (pid == null || !pid.matches(PID_SYNTAX)) {
                return ChangeResult.refused(Map.of("*", Map.of("*", "not a PID")));
            }
            Optional<Configuration> existing = targets.find(pid);
            if (existing.isEmpty()) {
                return ChangeResult.refused(Map.of(pid, Map.of("*", "no such configuration")));
            }
            List<String> notices = new ArrayList<>();
            files.delete(existing.get(), notices);
            existing.get().delete();
            record(actor, "CONFIG_DELETED", Outcome.SUCCESS, pid + " (" + via + ")");
            return new ChangeResult(ChangeResult.Status.APPLIED, Map.of(), "", List.of(pid), notices);
        } catch (IOException | IllegalStateException e) {
            return ChangeResult.rolledBack("the configuration store refused the deletion: " + e.getMessage());
        }
    }

    private List<String> checks(String definition, Map<String, Object> properties) {
        List<String> out = new ArrayList<>();
        List<ServiceReference<ConfigurationCheck>> refs;
        try {
            refs = new ArrayList<>(context.getServiceReferences(ConfigurationCheck.class,
                    "(" + ConfigurationCheck.PID + "=" + ConfigTargets.escape(definition) + ")"));
        } catch (InvalidSyntaxException e) {
            return out;
        }
        Map<String, Object> view = Collections.unmodifiableMap(properties);
        for (ServiceReference<ConfigurationCheck> ref : refs) {
            ConfigurationCheck check = context.getService(ref);
            if (check == null) {
                continue;
            }
            try {
                check.problems(view).forEach(p -> out.add(Plain.line(p)));
            } catch (RuntimeException e) {
                out.add("the settings check failed: " + Plain.line(String.valueOf(e.getMessage())));
            } finally {
                context.ungetService(ref);
            }
        }
        return out;
    }

    private static String describe(List<ConfigApplier.Plan> plans) {
        List<String> parts = new ArrayList<>();
        for (ConfigApplier.Plan plan : plans) {
            parts.add(plan.target().pid() + " keys " + String.join(", ", plan.changed()));
        }
        return String.join("; ", parts);
    }

    private void record(String actor, String action, Outcome outcome, String detail) {
        Optional<AuditTrail> trail = audit.get();
        if (trail.isEmpty()) {
            return;
        }
        String clean = detail.replaceAll("[^\\x20-\\x7E]", "?");
        trail.get().record(new AuditEvent(clock.instant(), actor, action, "configuration", outcome,
                clean.length() > 1000 ? clean.substring(0, 997) + "..." : clean));
    }
}
