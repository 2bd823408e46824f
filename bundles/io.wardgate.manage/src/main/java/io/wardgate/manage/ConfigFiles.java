package io.wardgate.manage;

import java.io.IOException;
import java.lang.reflect.Array;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.cm.Configuration;

/**
 * Keeps the configuration directory the whole truth (docs/operations.md): a configuration applied
 * through {@link ConfigChanges} that did not come from a file gets one, "&lt;pid&gt;.config" or
 * "&lt;factoryPid&gt;-&lt;name&gt;.config", in the typed format FileInstall reads, and carries
 * FileInstall's file-name property so that FileInstall writes later changes back and treats the
 * file as the configuration's source. Without a configuration directory (no FileInstall, e.g.
 * under Kura) nothing is written and the caller is told.
 */
final class ConfigFiles {
    static final String FILENAME = "felix.fileinstall.filename";
    private static final List<String> NOT_WRITTEN = List.of("service.pid", "service.factoryPid",
            "service.bundleLocation", FILENAME);

    private final Path directory;

    /** {@code directory} null: there is no configuration directory. */
    ConfigFiles(Path directory) {
        this.directory = directory;
    }

    /** The configuration directory FileInstall watches in this framework, if any. */
    static ConfigFiles in(org.osgi.framework.BundleContext context) {
        String dir = context.getProperty("felix.fileinstall.dir");
        return new ConfigFiles(dir == null || dir.isBlank() || dir.contains(",") ? null : Path.of(dir));
    }

    /** Before applying: a plan for a configuration without a file gets the file-name property. */
    void prepare(ConfigApplier.Plan plan, List<String> notices) {
        if (directory == null || plan.properties().get(FILENAME) != null) {
            return;
        }
        plan.properties().put(FILENAME, file(plan.target()).toUri().toString());
    }

    /**
     * After applying: the properties as the file, atomically replaced. Only ".config" files are
     * written here; an operator's ".cfg" file (plain properties) is left to FileInstall's own
     * write-back, which keeps its format.
     */
    void write(ConfigApplier.Plan plan, List<String> notices) {
        if (directory == null) {
            notices.add("not written to a configuration directory: this runtime has none (FileInstall is absent)");
            return;
        }
        Object name = plan.properties().get(FILENAME);
        try {
            Path file = name == null ? file(plan.target()) : Path.of(URI.create(String.valueOf(name)));
            if (!file.getFileName().toString().endsWith(".config")) {
                return;
            }
            if (!file.toAbsolutePath().normalize().startsWith(directory.toAbsolutePath().normalize())) {
                notices.add("not written: its file lies outside the configuration directory");
                return;
            }
            Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.write(temp, render(plan.properties()).getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
            notices.add("applied, but the configuration file could not be written: " + Plain.line(e.getMessage()));
        }
    }

    void delete(Configuration configuration, List<String> notices) {
        Object name = configuration.getProperties() == null ? null : configuration.getProperties().get(FILENAME);
        if (directory == null || name == null) {
            return;
        }
        try {
            Path file = Path.of(URI.create(String.valueOf(name)));
            if (file.toAbsolutePath().normalize().startsWith(directory.toAbsolutePath().normalize())) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | IllegalArgumentException e) {
            notices.add("deleted, but its file could not be removed: " + Plain.line(e.getMessage()));
        }
    }

    Path file(ConfigTargets.Target target) {
        String pid = target.pid();
        String base = target.described().factory() && pid.contains("~")
                ? target.described().pid() + "-" + pid.substring(pid.indexOf('~') + 1) : pid;
        return directory.resolve(base + ".config");
    }

    /** FileInstall's typed ".config" format (that of Felix ConfigurationHandler), keys sorted. */
    static String render(Map<String, Object> properties) {
        StringBuilder out = new StringBuilder("# Written by WardGate when the configuration was applied; edits here apply too.\n");
        Map<String, Object> sorted = new TreeMap<>(properties);
        NOT_WRITTEN.forEach(sorted::remove);
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            out.append(e.getKey()).append('=').append(value(e.getValue())).append('\n');
        }
        return out.toString();
    }

    private static String value(Object value) {
        if (value.getClass().isArray()) {
            StringBuilder out = new StringBuilder(code(value.getClass().getComponentType())).append('[');
            for (int i = 0; i < Array.getLength(value); i++) {
                out.append(i > 0 ? "," : "").append(quoted(Array.get(value, i)));
            }
            return out.append(']').toString();
        }
        if (value instanceof Iterable<?> list) {
            List<Object> items = new java.util.ArrayList<>();
            list.forEach(items::add);
            String type = items.isEmpty() ? "" : code(items.get(0).getClass());
            StringBuilder out = new StringBuilder(type).append('(');
            for (int i = 0; i < items.size(); i++) {
                out.append(i > 0 ? "," : "").append(quoted(items.get(i)));
            }
            return out.append(')').toString();
        }
        return code(value.getClass()) + quoted(value);
    }

    private static String code(Class<?> type) {
        if (type == Long.class || type == long.class) {
            return "L";
        }
        if (type == Integer.class || type == int.class) {
            return "I";
        }
        if (type == Short.class || type == short.class) {
            return "S";
        }
        if (type == Byte.class || type == byte.class) {
            return "X";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "B";
        }
        if (type == Character.class || type == char.class) {
            return "C";
        }
        if (type == String.class) {
            return "";
        }
        // Felix writes doubles and floats as raw bits; no WardGate setting is one, so none is guessed at.
        throw new IllegalArgumentException("values of type " + type.getSimpleName() + " are not written");
    }

    private static String quoted(Object value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : String.valueOf(value).toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static List<String> notWritten() {
        return Collections.unmodifiableList(NOT_WRITTEN);
    }
}
