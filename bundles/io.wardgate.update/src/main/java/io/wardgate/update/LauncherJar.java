package io.wardgate.update;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * The symbolic names of the bundles the running wardgate.jar embeds (bnd launcher: {@code launch.bundles} of
 * its {@code launcher.properties}, each a {@code jar/...} entry). Empty outside the appliance's launcher jar.
 */
final class LauncherJar {
    /** Bounds on what is read: the real jar embeds about fifty bundles and a few KiB of properties. */
    private static final int MAX_BUNDLES = 500;
    private static final long MAX_PROPERTIES_BYTES = 1 << 20;

    private LauncherJar() {
    }

    /** The running launcher jar, when the JVM was started with {@code java -jar wardgate.jar}. */
    static Optional<Path> running() {
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.isEmpty() || classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(classPath));
    }

    static Optional<Set<String>> symbolicNames(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry("launcher.properties");
            if (entry == null || entry.getSize() > MAX_PROPERTIES_BYTES) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            try (InputStream in = file.getInputStream(entry)) {
                properties.load(in);
            }
            String bundles = properties.getProperty("launch.bundles");
            if (!"true".equals(properties.getProperty("launch.embedded")) || bundles == null || bundles.isBlank()) {
                return Optional.empty();
            }
            Set<String> names = new TreeSet<>();
            String[] locations = bundles.split(",");
            if (locations.length > MAX_BUNDLES) {
                return Optional.empty();
            }
            for (String location : locations) {
                ZipEntry embedded = file.getEntry(location.trim());
                if (embedded == null) {
                    return Optional.empty(); // not the jar the launcher reads: say nothing rather than guess
                }
                try (JarInputStream in = new JarInputStream(file.getInputStream(embedded))) {
                    Manifest manifest = in.getManifest();
                    String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
                    if (name != null) {
                        names.add(name.split(";", 2)[0].trim());
                    }
                }
            }
            return Optional.of(names);
        }
    }
}
