package io.wardgate.manage;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Which configurations exist and which Metatype definition describes each: a PID is changeable
 * only when some bundle describes it (or its factory PID). A factory instance is named
 * "&lt;factoryPid&gt;~&lt;name&gt;" (ConfigurationAdmin 1.6 named factory configurations).
 */
final class ConfigTargets {
    /** A definition: the PID or factory PID, whether it is a factory, the OCD. */
    record Described(String pid, boolean factory, ObjectClassDefinition ocd) {
    }

    /** A change target: its PID, the definition, and the configuration when it exists. */
    record Target(String pid, Described described, Optional<Configuration> existing) {
    }

    private final BundleContext context;
    private final MetaTypeService metatype;
    private final ConfigurationAdmin admin;

    ConfigTargets(BundleContext context, MetaTypeService metatype, ConfigurationAdmin admin) {
        this.context = context;
        this.metatype = metatype;
        this.admin = admin;
    }

    Map<String, Described> described() {
        Map<String, Described> out = new LinkedHashMap<>();
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
            if (info == null) {
                continue;
            }
            for (String pid : info.getPids()) {
                out.put(pid, new Described(pid, false, info.getObjectClassDefinition(pid, null)));
            }
            for (String pid : info.getFactoryPids()) {
                out.put(pid, new Described(pid, true, info.getObjectClassDefinition(pid, null)));
            }
        }
        return out;
    }

    Configuration[] configurations() throws IOException {
        try {
            Configuration[] all = admin.listConfigurations(null);
            return all == null ? new Configuration[0] : all;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("a null filter is valid", e);
        }
    }

    Optional<Configuration> find(String pid) throws IOException {
        try {
            Configuration[] found = admin.listConfigurations("(service.pid=" + escape(pid) + ")");
            return found == null || found.length == 0 ? Optional.empty() : Optional.of(found[0]);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("not a usable PID");
        }
    }

    /** The target for {@code pid}, or IllegalArgumentException when no Metatype describes it. */
    Target target(String pid, Map<String, Described> described) throws IOException {
        Optional<Configuration> existing = find(pid);
        String definition = existing.map(c -> c.getFactoryPid() != null ? c.getFactoryPid() : c.getPid())
                .orElseGet(() -> pid.contains("~") ? pid.substring(0, pid.indexOf('~')) : pid);
        Described found = described.get(definition);
        if (found == null || (existing.isEmpty() && found.factory() != pid.contains("~"))) {
            throw new IllegalArgumentException("no Metatype definition for " + pid
                    + (found != null && found.factory() ? " (a factory: name an instance as " + found.pid() + "~name)"
                            : ""));
        }
        return new Target(pid, found, existing);
    }

    /** The configuration to write for a target that does not exist yet. */
    Configuration create(Target target) throws IOException {
        if (target.described().factory()) {
            String name = target.pid().substring(target.pid().indexOf('~') + 1);
            return admin.getFactoryConfiguration(target.described().pid(), name, "?");
        }
        return admin.getConfiguration(target.pid(), "?");
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
