package io.wardgate.config.internal;

import io.wardgate.config.files.ConfigDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.SynchronousConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FileInstall's write-back, done durably (the appliance sets felix.fileinstall.enableConfigSave=false):
 * a configuration that came from a file of the configuration directory (its felix.fileinstall.filename
 * property) is written back into that file whenever it changes in ConfigAdmin (web UI, remote
 * management, the secrets migration), and the file is deleted with the configuration.
 *
 * <p>Synchronous: the file is durable before ConfigAdmin's update() returns to the web UI or to
 * management, so that a second change cannot overtake the first one's write. An update FileInstall
 * makes (in its own thread) came from the file and is never written back: FileInstall re-reads each
 * file we write and updates ConfigAdmin only if the properties differ, so there is no update storm;
 * and if it read an older version just before a newer change was written, the newer file wins at its
 * next poll instead of being overwritten with the older read.
 * Nothing is written at activation: at start FileInstall's reading of the files is the truth, and a
 * file edited while the gateway was stopped must not be overwritten with the old configuration.
 */
@Component(immediate = true, service = SynchronousConfigurationListener.class)
public final class WriteBackComponent implements SynchronousConfigurationListener {
    /** FileInstall's watcher threads are named "fileinstall-" and the directory. */
    static final String FILE_INSTALL_THREAD = "fileinstall-";
    private static final Logger LOG = LoggerFactory.getLogger(WriteBackComponent.class);

    private final ConfigurationAdmin admin;
    private final Optional<ConfigDirectory> directory;
    /** The file of each configuration, kept because a deleted configuration no longer has properties. */
    private final Map<String, Path> files = new ConcurrentHashMap<>();

    @Activate
    public WriteBackComponent(BundleContext context, @Reference ConfigurationAdmin admin) {
        this.admin = admin;
        this.directory = ConfigDirectory.of(context);
        if (directory.isEmpty()) {
            LOG.info("no configuration directory (FileInstall absent): configurations are not written to files");
            return;
        }
        try {
            Configuration[] all = admin.listConfigurations(null);
            for (Configuration configuration : all == null ? new Configuration[0] : all) {
                Dictionary<String, Object> properties = configuration.getProperties();
                if (properties != null) {
                    directory.get().fileOf(properties.get(ConfigDirectory.FILENAME))
                            .ifPresent(file -> files.put(configuration.getPid(), file));
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("configurations could not be listed: {}", e.toString());
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (directory.isEmpty()) {
            return;
        }
        if (event.getType() == ConfigurationEvent.CM_DELETED) {
            Path file = files.remove(event.getPid());
            if (file != null) {
                try {
                    directory.get().delete(file);
                } catch (IOException | IllegalArgumentException e) {
                    LOG.error("configuration {} was deleted but its file {} could not be: {}", event.getPid(), file, e.toString());
                }
            }
            return;
        }
        if (event.getType() == ConfigurationEvent.CM_UPDATED) {
            written(event.getPid(), Thread.currentThread().getName().startsWith(FILE_INSTALL_THREAD));
        }
    }

    /** Writes the configuration's file if it has one (unless FileInstall made the change); the file. */
    Optional<Path> written(String pid, boolean byFileInstall) {
        Configuration configuration;
        try {
            Configuration[] found = admin.listConfigurations("(service.pid=" + escape(pid) + ")");
            if (found == null || found.length == 0) {
                return Optional.empty();
            }
            configuration = found[0];
        } catch (IOException | InvalidSyntaxException e) {
            LOG.error("configuration {} could not be read to write its file: {}", pid, e.toString());
            return Optional.empty();
        }
        Dictionary<String, Object> properties = configuration.getProperties();
        Optional<Path> file = properties == null ? Optional.empty()
                : directory.get().fileOf(properties.get(ConfigDirectory.FILENAME));
        if (file.isEmpty()) {
            return file;
        }
        files.put(pid, file.get());
        try {
            if (byFileInstall) {
                directory.get().applied(file.get(), map(properties));
            } else if (directory.get().write(file.get(), map(properties))) {
                LOG.info("configuration {} written to {}", pid, file.get());
            }
        } catch (IOException | IllegalArgumentException e) {
            // The change is live but would be lost at the next start (FileInstall reads the old file).
            LOG.error("configuration {} changed but {} could not be written; the change is lost at restart: {}", pid,
                    file.get(), e.getMessage());
        }
        return file;
    }

    private static Map<String, Object> map(Dictionary<String, Object> properties) {
        Map<String, Object> out = new HashMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            out.put(key, properties.get(key));
        }
        return Collections.unmodifiableMap(out);
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '(' || c == ')' || c == '*' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
