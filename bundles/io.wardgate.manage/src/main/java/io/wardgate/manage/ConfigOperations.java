package io.wardgate.manage;

import io.wardgate.api.config.ChangeResult;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.secrets.SecretBox;
import io.wardgate.api.manage.ManagementContext;
import io.wardgate.api.manage.ManagementOperation;
import io.wardgate.api.manage.ManagementRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Remote configuration: config.list (what is described and configured), config.get (one PID's
 * values; passwords only as set/unset), config.put (changes to one or more PIDs, all validated
 * against Metatype first, applied together, rolled back together when a component fails).
 * Offered to the management channel as a {@link ManagementOperation} service.
 */
@Component(service = ManagementOperation.class, configurationPid = ConfigOperations.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = {
            ManagementOperation.OPERATION + "=config.list",
            ManagementOperation.OPERATION + "=config.get",
            ManagementOperation.OPERATION + "=config.put"})
@Designate(ocd = ConfigOperationsConfiguration.class)
public final class ConfigOperations implements ManagementOperation {
    static final String PID = "io.wardgate.manage.ConfigOperations";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SecretBox secrets;

    private final ConfigTargets targets;
    private final ConfigChanges changer;
    private final int maxPids;

    @Activate
    public ConfigOperations(ConfigOperationsConfiguration config, BundleContext context,
            @Reference ConfigurationAdmin admin, @Reference MetaTypeService metatype,
            @Reference ServiceComponentRuntime scr, @Reference AuditTrail audit) {
        this(context, admin, metatype, scr, audit, Duration.ofSeconds(config.settleSeconds()),
                config.maxPidsPerChange());
    }

    /** Public for the embedded-framework tests of the tools module; the framework uses the one above. */
    public ConfigOperations(BundleContext context, ConfigurationAdmin admin, MetaTypeService metatype,
            ServiceComponentRuntime scr, AuditTrail audit, Duration settle, int maxPids) {
        this.targets = new ConfigTargets(context, metatype, admin);
        this.changer = new ConfigChanges(context, targets, new ConfigApplier(targets, scr, settle),
                ConfigFiles.in(context), () -> java.util.Optional.of(audit), () -> java.util.Optional.ofNullable(secrets),
                maxPids);
        this.maxPids = maxPids;
    }

    @Override
    public Map<String, Object> run(ManagementRequest request, ManagementContext context) throws Exception {
        return switch (request.operation()) {
            case "config.list" -> list();
            case "config.get" -> get(request.text("pid"));
            case "config.put" -> put(request, context);
            default -> throw new IllegalArgumentException("not a configuration operation: " + request.operation());
        };
    }

    private Map<String, Object> list() throws IOException {
        List<Object> pids = new ArrayList<>();
        Map<String, ConfigTargets.Described> described = targets.described();
        Map<String, Configuration> configured = new TreeMap<>();
        for (Configuration configuration : targets.configurations()) {
            configured.put(configuration.getPid(), configuration);
        }
        described.forEach((pid, d) -> pids.add(Map.of("pid", pid, "name", text(d.ocd().getName()), "factory",
                d.factory(), "configured", !d.factory() && configured.containsKey(pid))));
        List<Object> instances = new ArrayList<>();
        configured.forEach((pid, configuration) -> {
            String factory = configuration.getFactoryPid();
            if (factory != null) {
                ConfigTargets.Described d = described.get(factory);
                instances.add(Map.of("pid", pid, "factoryPid", factory, "name",
                        d == null ? "(no Metatype)" : text(d.ocd().getName())));
            }
        });
        return Map.of("pids", pids, "instances", instances);
    }

    private Map<String, Object> get(String pid) throws IOException {
        ConfigTargets.Target target = targets.target(pid, targets.described());
        ObjectClassDefinition ocd = target.described().ocd();
        Dictionary<String, Object> properties = target.existing().map(Configuration::getProperties).orElse(null);
        Map<String, Object> values = new TreeMap<>();
        Map<String, Object> passwords = new TreeMap<>();
        for (AttributeDefinition ad : ConfigValidator.all(ocd, ObjectClassDefinition.ALL)) {
            Object value = properties == null ? null : properties.get(ad.getID());
            if (ad.getType() == AttributeDefinition.PASSWORD) {
                boolean set = value != null && !String.valueOf(value).isEmpty();
                passwords.put(ad.getID(), set ? "set" : "unset");
                if (set) {
                    values.put(ad.getID(), ConfigValidator.PASSWORD_PLACEHOLDER);
                }
            } else if (value != null) {
                values.put(ad.getID(), plain(value));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pid", pid);
        out.put("definition", target.described().pid());
        out.put("name", text(ocd.getName()));
        out.put("exists", target.existing().isPresent());
        out.put("properties", values);
        out.put("passwords", passwords);
        return out;
    }

    private Map<String, Object> put(ManagementRequest request, ManagementContext context) throws IOException {
        if (!(request.args().get("changes") instanceof Map<?, ?> changes) || changes.isEmpty()
                || changes.size() > maxPids) {
            throw new IllegalArgumentException("argument 'changes' must map 1 to " + maxPids + " PIDs to their changes");
        }
        if (changes.containsKey(ManageComponent.PID)) {
            // Changing it restarts the channel that is running this very request.
            throw new IllegalArgumentException("refused, nothing changed: " + ManageComponent.PID
                    + " is the management channel's own configuration: change it on the gateway"
                    + " (the trusted keys file is reread when edited)");
        }
        context.progress("validating and applying", 10);
        ChangeResult result = changer.apply(request.actor(), changes, "remote, request " + request.id());
        switch (result.status()) {
            case REFUSED -> {
                List<String> problems = new ArrayList<>();
                result.problems().forEach((pid, byKey) -> byKey.forEach((key, problem) -> problems.add(
                        pid.equals("*") ? problem : key.equals("*") ? pid + ": " + problem : pid + "." + key + ": " + problem)));
                throw new IllegalArgumentException("refused, nothing changed: " + String.join("; ", problems));
            }
            case ROLLED_BACK -> throw new IllegalStateException("rolled back: " + result.failure());
            default -> {
            }
        }
        List<Object> applied = new ArrayList<>();
        for (String pid : result.applied()) {
            applied.add(Map.of("pid", pid));
        }
        context.progress("applied", 100);
        return result.notices().isEmpty() ? Map.of("applied", applied)
                : Map.of("applied", applied, "notices", result.notices());
    }

    /** A configuration value as the reply's CBOR speaks it: integers as Long, lists for arrays, else text. */
    static Object plain(Object value) {
        if (value.getClass().isArray() || value instanceof Iterable<?>) {
            List<Object> out = new ArrayList<>();
            if (value instanceof Iterable<?> list) {
                list.forEach(v -> out.add(plain(v)));
            } else {
                for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                    out.add(plain(java.lang.reflect.Array.get(value, i)));
                }
            }
            return out;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Boolean) {
            return value;
        }
        return String.valueOf(value);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
