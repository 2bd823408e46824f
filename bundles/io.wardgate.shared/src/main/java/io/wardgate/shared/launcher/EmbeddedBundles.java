package io.wardgate.shared.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The bundles wardgate.jar embeds: the bnd launcher installs each {@code launch.bundles} entry of the jar's
 * {@code launcher.properties} from the location {@code jar/FILE}, which is also the entry's name in the jar.
 */
public final class EmbeddedBundles {
    /** The launcher's location prefix of an embedded bundle. */
    public static final String LOCATION_PREFIX = "jar/";
    /** The real file is a few KiB and lists about fifty bundles. */
    private static final long MAX_PROPERTIES_BYTES = 1 << 20;
    private static final int MAX_BUNDLES = 1000;

    private EmbeddedBundles() {
    }

    /** The launcher jar this JVM runs, when it was started with {@code java -jar FILE.jar}. */
    public static Optional<Path> runningJar() {
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.isEmpty() || classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(classPath));
    }

    /**
     * The locations (= entry names) the launcher jar installs; empty when {@code jar} is no embedded bnd
     * launcher jar or lists none (an empty list never means "nothing is carried").
     */
    public static Optional<List<String>> locations(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            return locations(file);
        }
    }

    /** As {@link #locations(Path)}, of an open jar. */
    public static Optional<List<String>> locations(JarFile file) throws IOException {
        ZipEntry entry = file.getEntry("launcher.properties");
        if (entry == null || entry.getSize() > MAX_PROPERTIES_BYTES) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = file.getInputStream(entry)) {
            properties.load(in);
        }
        String bundles = properties.getProperty("launch.bundles");
        if (!"true".equals(properties.getProperty("launch.embedded")) || bundles == null) {
            return Optional.empty();
        }
        List<String> locations = new ArrayList<>();
        for (String location : bundles.split(",")) {
            if (!location.isBlank()) {
                locations.add(location.trim());
            }
        }
        return locations.isEmpty() || locations.size() > MAX_BUNDLES ? Optional.empty() : Optional.of(locations);
    }
}
