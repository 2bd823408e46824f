package io.wardgate.web.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * The configuration forms: one per PID (and per factory configuration) that an io.wardgate.*
 * bundle describes in its Metatype, with the current values. Password values are never read out.
 */
public final class ConfigForms {
    public static final String BUNDLE_PREFIX = "io.wardgate.";
    /**
     * The only settings a clinical engineer may change: the device side. Everything else (audit,
     * TLS, trust anchors, keys, management, update, this UI, and any PID added later) is
     * security-relevant and administrators only: deny by default.
     */
    public static final java.util.Set<String> ENGINEER_PIDS = java.util.Set.of("io.wardgate.serial.Port",
            "io.wardgate.ble.Bluetooth", "io.wardgate.policy.Allowlist", "io.wardgate.outbox.Outbox");

    /** A PID the forms know: its definition, whether it is a factory, and the bundle describing it. */
    public record Known(String pid, boolean factory, ObjectClassDefinition ocd, Bundle bundle) {
        public boolean adminOnly() {
            return ConfigForms.adminOnly(pid);
        }
    }

    /** Whether only administrators may change this PID (or factory PID). */
    public static boolean adminOnly(String pid) {
        return !ENGINEER_PIDS.contains(pid);
    }

    private final BundleContext context;
    private final MetaTypeService metatype;
    private final ConfigurationAdmin admin;
    private final DriverChoices drivers;

    public ConfigForms(BundleContext context, MetaTypeService metatype, ConfigurationAdmin admin, DriverChoices drivers) {
        this.context = context;
        this.metatype = metatype;
        this.admin = admin;
        this.drivers = drivers;
    }

    public DriverChoices drivers() {
        return drivers;
    }

    /** Every PID and factory PID described by an io.wardgate.* bundle. */
    public Map<String, Known> known() {
        Map<String, Known> out = new LinkedHashMap<>();
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name == null || !name.startsWith(BUNDLE_PREFIX)) {
                continue;
            }
            MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
            if (info == null) {
                continue;
            }
            for (String pid : info.getPids()) {
                out.put(pid, new Known(pid, false, info.getObjectClassDefinition(pid, null), bundle));
            }
            for (String pid : info.getFactoryPids()) {
                out.put(pid, new Known(pid, true, info.getObjectClassDefinition(pid, null), bundle));
            }
        }
        return out;
    }

    /** The forms as JSON-ready maps, in PID order. */
    public List<Map<String, Object>> forms() throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Known k : known().values()) {
            if (k.factory()) {
                for (Configuration c : list("(service.factoryPid=" + escape(k.pid()) + ")")) {
                    out.add(form(k, c.getPid(), k.pid(), c.getProperties(), drivers));
                }
                out.add(form(k, null, k.pid(), null, drivers));
            } else {
                out.add(form(k, k.pid(), null, find(k.pid()).map(Configuration::getProperties).orElse(null), drivers));
            }
        }
        return out;
    }

    public int instances(String factoryPid) throws IOException {
        return instancesOf(factoryPid).size();
    }

    public List<Configuration> instancesOf(String factoryPid) throws IOException {
        return List.of(list("(service.factoryPid=" + escape(factoryPid) + ")"));
    }

    public Optional<Configuration> find(String pid) throws IOException {
        Configuration[] found = list("(service.pid=" + escape(pid) + ")");
        return found.length == 0 ? Optional.empty() : Optional.of(found[0]);
    }

    private Configuration[] list(String filter) throws IOException {
        try {
            Configuration[] found = admin.listConfigurations(filter);
            return found == null ? new Configuration[0] : found;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad filter", e);
        }
    }

    private static Map<String, Object> form(Known k, String pid, String factoryPid, Dictionary<String, Object> props,
            DriverChoices drivers) {
        ObjectClassDefinition ocd = k.ocd();
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("pid", pid);
        form.put("factoryPid", factoryPid);
        form.put("group", group(k.pid()));
        form.put("instance", pid != null && pid.contains("~") ? pid.substring(pid.indexOf('~') + 1) : null);
        form.put("bundle", k.bundle().getSymbolicName());
        form.put("name", ocd.getName());
        form.put("description", ocd.getDescription());
        form.put("adminOnly", k.adminOnly());
        form.put("configured", props != null);
        List<String> required = ids(ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED));
        List<Map<String, Object>> attributes = new ArrayList<>();
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition ad : all == null ? new AttributeDefinition[0] : all) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", ad.getID());
            a.put("name", ad.getName());
            a.put("description", ad.getDescription());
            // The Metatype type code (AttributeDefinition.STRING = 1 ... PASSWORD = 12); config.js names it.
            a.put("type", ad.getType());
            a.put("cardinality", ad.getCardinality());
            a.put("required", required.contains(ad.getID()));
            List<Map<String, String>> options = new ArrayList<>();
            String[] values = ad.getOptionValues();
            String[] labels = ad.getOptionLabels();
            for (int i = 0; values != null && i < values.length; i++) {
                options.add(Map.of("value", values[i], "label", labels != null && i < labels.length ? labels[i] : values[i]));
            }
            Object current = props == null ? null : props.get(ad.getID());
            drivers.choices(k.pid(), ad.getID()).ifPresent(names -> {
                // A driver setting: the installed drivers, and a stored name whose driver is gone, marked.
                names.forEach(n -> options.add(Map.of("value", n, "label", n)));
                String stored = current == null ? "" : String.valueOf(current);
                if (!stored.isEmpty() && !names.contains(stored)) {
                    options.add(Map.of("value", stored, "label", stored + " (not installed: the port waits for it)"));
                }
                a.put("driverChoice", true);
                a.put("description", names.isEmpty() ? "No driver of this kind is installed: install a driver bundle first."
                        : "The protocol the device speaks: one of the " + names.size() + " installed drivers. A port whose"
                                + " driver was removed keeps the name and waits until the driver is back.");
                a.put("choices", names);
            });
            a.put("options", options);
            if (ad.getType() == AttributeDefinition.PASSWORD) {
                // Write-only: the form learns whether one is set, never what it is.
                a.put("passwordSet", current != null && !String.valueOf(current).isEmpty());
                a.put("defaults", List.of());
                a.put("values", List.of());
            } else {
                a.put("defaults", ad.getDefaultValue() == null ? List.of() : Arrays.asList(ad.getDefaultValue()));
                a.put("values", current == null ? null : asStrings(current));
                // Kura marks what is a default: empty (null) values mean the default applies.
                a.put("usesDefault", current == null);
            }
            attributes.add(a);
        }
        form.put("attributes", attributes);
        return form;
    }

    /** The task a service belongs to, as the configuration page groups them (like Kura's service list). */
    static String group(String pid) {
        if (pid.startsWith("io.wardgate.serial.") || pid.startsWith("io.wardgate.ble.") || pid.startsWith("io.wardgate.policy.")) {
            return "Devices";
        }
        if (pid.startsWith("io.wardgate.uplink.") || pid.startsWith("io.wardgate.outbox.") || pid.startsWith("io.wardgate.seal.")) {
            return "Uplink and identity";
        }
        if (pid.startsWith("io.wardgate.audit") || pid.startsWith("io.wardgate.check.")) {
            return "Audit and self-check";
        }
        if (pid.startsWith("io.wardgate.manage.") || pid.startsWith("io.wardgate.update.")) {
            return "Remote management and updates";
        }
        if (pid.startsWith("io.wardgate.web.")) {
            return "This console";
        }
        return "Other";
    }

    static List<String> asStrings(Object value) {
        List<String> out = new ArrayList<>();
        if (value.getClass().isArray()) {
            for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                out.add(String.valueOf(java.lang.reflect.Array.get(value, i)));
            }
        } else if (value instanceof Iterable<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        } else {
            out.add(String.valueOf(value));
        }
        return out;
    }

    private static List<String> ids(AttributeDefinition[] ads) {
        return ads == null ? List.of() : Arrays.stream(ads).map(AttributeDefinition::getID).toList();
    }

    /** Escapes an LDAP filter value (RFC 4515). */
    static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')' || c == 0) {
                out.append('\\').append(String.format("%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
