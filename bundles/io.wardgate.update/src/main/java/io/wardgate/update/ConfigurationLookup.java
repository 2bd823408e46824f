package io.wardgate.update;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;

/** What ConfigAdmin holds for the configuration of a {@link ConfigurationEvent}, read in the listener. */
final class ConfigurationLookup {
    private ConfigurationLookup() {
    }

    /**
     * The configuration's properties as ConfigAdmin holds them now, compared as text (a typed value written
     * to a .cfg file reads back as its string), without FileInstall's own bookkeeping; empty when unknown.
     */
    static Map<String, Object> properties(BundleContext context, ConfigurationEvent event) {
        Map<String, Object> out = new TreeMap<>();
        current(context, event).ifPresent(properties -> {
            for (String key : Collections.list(properties.keys())) {
                if (!key.startsWith("felix.fileinstall.")) {
                    out.put(key, text(properties.get(key)));
                }
            }
        });
        return out;
    }

    /** The file FileInstall keeps the configuration in (its felix.fileinstall.filename property), if any. */
    static Optional<String> file(BundleContext context, ConfigurationEvent event) {
        try {
            return current(context, event).map(properties -> properties.get("felix.fileinstall.filename"))
                    .map(name -> Path.of(URI.create(name.toString())).getFileName().toString());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Dictionary<String, Object>> current(BundleContext context, ConfigurationEvent event) {
        try {
            ConfigurationAdmin admin = context.getService(event.getReference());
            if (admin == null) {
                return Optional.empty();
            }
            try {
                return Optional.ofNullable(admin.getConfiguration(event.getPid(), "?").getProperties());
            } finally {
                context.ungetService(event.getReference());
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Object text(Object value) {
        if (value != null && value.getClass().isArray()) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                items.add(String.valueOf(java.lang.reflect.Array.get(value, i)));
            }
            return items;
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        return String.valueOf(value);
    }
}
