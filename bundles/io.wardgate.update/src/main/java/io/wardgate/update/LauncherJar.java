package io.wardgate.update;

import java.io.File;
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
 * The symbolic names of the bundles the running wardgate.jar embeds (bnd launcher: the {@code launch.bundles}
 * of its {@code launcher.properties}, each the name of a {@code jar/...} entry); empty for any other jar. It
 * reads the file itself rather than through io.wardgate.shared: a bundle the updater depends on can never be
 * updated by a package (Installer), and the shared TLS policy must stay updatable.
 */
final class LauncherJar {
    /** The real jar embeds about fifty bundles and a few KiB of properties. */
    private static final int MAX_BUNDLES = 1000;
    private static final long MAX_PROPERTIES_BYTES = 1 << 20;

    private LauncherJar() {
    }

    /** The launcher jar this JVM runs, when it was started with {@code java -jar FILE.jar}. */
    static Optional<Path> running() {
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.isEmpty() || classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
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
            if (!"true".equals(properties.getProperty("launch.embedded")) || bundles == null || bundles.isBlank()
                    || bundles.split(",").length > MAX_BUNDLES) {
                return Optional.empty();
            }
            Set<String> names = new TreeSet<>();
            for (String location : bundles.split(",")) {
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
