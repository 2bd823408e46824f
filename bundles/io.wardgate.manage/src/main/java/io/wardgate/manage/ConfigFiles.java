package io.wardgate.manage;

import io.wardgate.config.files.ConfigDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.osgi.service.cm.Configuration;

/**
 * Keeps the configuration directory the whole truth (docs/operations.md): a configuration applied
 * through {@link ConfigChanges} that did not come from a file gets one, "&lt;pid&gt;.config" or
 * "&lt;factoryPid&gt;-&lt;name&gt;.config", and carries FileInstall's file-name property so that
 * FileInstall treats the file as the configuration's source. The file is written here, before the
 * reply, through io.wardgate.config's one durable writer (atomic, with a last good copy); that
 * bundle's write-back then finds it current. Without a configuration directory (no FileInstall, e.g.
 * under Kura) nothing is written and the caller is told.
 */
final class ConfigFiles {
    static final String FILENAME = ConfigDirectory.FILENAME;

    private final Optional<ConfigDirectory> directory;

    /** {@code directory} null: there is no configuration directory. */
    ConfigFiles(Path directory) {
        this.directory = Optional.ofNullable(directory).map(ConfigDirectory::new);
    }

    private ConfigFiles(Optional<ConfigDirectory> directory) {
        this.directory = directory;
    }

    /** The configuration directory FileInstall watches in this framework, if any. */
    static ConfigFiles in(org.osgi.framework.BundleContext context) {
        return new ConfigFiles(ConfigDirectory.of(context));
    }

    /** Before applying: a plan for a configuration without a file gets the file-name property. */
    void prepare(ConfigApplier.Plan plan, List<String> notices) {
        if (directory.isEmpty() || plan.properties().get(FILENAME) != null) {
            return;
        }
        plan.properties().put(FILENAME, file(plan.target()).toUri().toString());
    }

    /** After applying: the properties into the configuration's file (.config typed, .cfg plain), durably. */
    void write(ConfigApplier.Plan plan, List<String> notices) {
        if (directory.isEmpty()) {
            notices.add("not written to a configuration directory: this runtime has none (FileInstall is absent)");
            return;
        }
        Object name = plan.properties().get(FILENAME);
        Optional<Path> file = name == null ? Optional.of(file(plan.target())) : directory.get().fileOf(name);
        if (file.isEmpty()) {
            notices.add("not written: its file is not a .cfg or .config file of the configuration directory");
            return;
        }
        try {
            directory.get().write(file.get(), plan.properties());
        } catch (IOException | IllegalArgumentException e) {
            notices.add("applied, but the configuration file could not be written: " + Plain.line(e.getMessage()));
        }
    }

    void delete(Configuration configuration, List<String> notices) {
        Object name = configuration.getProperties() == null ? null : configuration.getProperties().get(FILENAME);
        Optional<Path> file = directory.flatMap(d -> d.fileOf(name));
        if (file.isEmpty()) {
            return;
        }
        try {
            directory.get().delete(file.get());
        } catch (IOException | IllegalArgumentException e) {
            notices.add("deleted, but its file could not be removed: " + Plain.line(e.getMessage()));
        }
    }

    Path file(ConfigTargets.Target target) {
        String pid = target.pid();
        String base = target.described().factory() && pid.contains("~")
                ? target.described().pid() + "-" + pid.substring(pid.indexOf('~') + 1) : pid;
        return directory.orElseThrow().directory().resolve(base + ".config");
    }
}
