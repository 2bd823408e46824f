package io.wardgate.update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * What is installed now, as the integrity record holds it: per bundle "version sha256 launcher-digest"
 * (SHA-256 of the content file in framework storage; "-" when unknown), per configuration file its
 * SHA-256. Keys: {@code bundle.<symbolic name>} and {@code config.<file name>}.
 */
final class Snapshot {
    static final String BUNDLE = "bundle.";
    static final String CONFIG = "config.";
    static final int MAX_CONFIG_FILES = 2000;
    static final long MAX_CONFIG_BYTES = 4 * 1024 * 1024;

    private Snapshot() {
    }

    static Map<String, String> take(BundleContext context, FrameworkFiles files, Path confDir) throws IOException {
        Map<String, String> out = new TreeMap<>(bundles(context, files));
        out.putAll(config(confDir));
        return out;
    }

    static Map<String, String> bundles(BundleContext context, FrameworkFiles files) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() == 0 || bundle.getSymbolicName() == null) {
                continue;
            }
            Optional<Path> content = files.content(bundle.getBundleId());
            String sha256 = content.isPresent() ? Digests.file(content.get()) : "-";
            out.put(BUNDLE + bundle.getSymbolicName(), bundle.getVersion() + " " + sha256 + " "
                    + files.launcherDigest(bundle.getBundleId()).orElse("-"));
        }
        return out;
    }

    /** Digests of the configuration files (top level of the directory fileinstall watches). */
    static Map<String, String> config(Path confDir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (confDir == null || !Files.isDirectory(confDir)) {
            return out;
        }
        try (Stream<Path> list = Files.list(confDir)) {
            for (Path file : (Iterable<Path>) list.limit(MAX_CONFIG_FILES)::iterator) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && !name.startsWith(".")) {
                    out.put(CONFIG + name, Files.size(file) > MAX_CONFIG_BYTES ? "too-large" : Digests.file(file));
                }
            }
        }
        return out;
    }

    static Map<String, String> only(Map<String, String> record, String prefix) {
        Map<String, String> out = new TreeMap<>();
        record.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
