package io.wardgate.kura.dp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Writes an OSGi deployment package (OSGi Compendium, Deployment Admin): a jar whose manifest comes
 * first, with DeploymentPackage-SymbolicName and -Version in the main section and one named section
 * per bundle, then the bundles under bundles/, in start order: third-party libraries (and WardGate's
 * wrapped copies of them), then io.wardgate.api, then the other WardGate bundles, each group by name, so
 * a bundle starts after what it imports. Build step only: args DIR-OF-BUNDLES OUTPUT.dp SYMBOLIC-NAME
 * MAVEN-VERSION.
 */
public final class DeploymentPackageWriter {
    private DeploymentPackageWriter() {
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), Path.of(args[1]), args[2], osgiVersion(args[3]));
    }

    /** 0.1.0-SNAPSHOT -> 0.1.0.SNAPSHOT (the qualifier form OSGi accepts, as bnd writes it). */
    static String osgiVersion(String maven) {
        return maven.replaceFirst("-", ".");
    }

    /** 0: libraries, 1: io.wardgate.api, 2: WardGate bundles. */
    static int startGroup(Path jar) {
        String name = jar.getFileName().toString();
        if (!name.startsWith("io.wardgate.") || name.startsWith("io.wardgate.wrapped.")) {
            return 0;
        }
        return name.startsWith("io.wardgate.api-") ? 1 : 2;
    }

    static void write(Path bundles, Path output, String symbolicName, String version) throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(bundles)) {
            jars = new ArrayList<>(files.filter(p -> p.toString().endsWith(".jar")).toList());
        }
        jars.sort(Comparator.comparingInt(DeploymentPackageWriter::startGroup).thenComparing(Path::toString));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("DeploymentPackage-SymbolicName", symbolicName);
        manifest.getMainAttributes().putValue("DeploymentPackage-Version", version);
        manifest.getMainAttributes().putValue("DeploymentPackage-Name", "WardGate");
        for (Path jar : jars) {
            Attributes bundle = new Attributes();
            try (JarFile file = new JarFile(jar.toFile())) {
                Attributes main = file.getManifest().getMainAttributes();
                String bsn = main.getValue("Bundle-SymbolicName");
                if (bsn == null) {
                    throw new IOException(jar + " is not an OSGi bundle");
                }
                bundle.putValue("Bundle-SymbolicName", bsn.split(";")[0].strip());
                bundle.putValue("Bundle-Version", main.getValue("Bundle-Version"));
            }
            manifest.getEntries().put("bundles/" + jar.getFileName(), bundle);
        }
        try (OutputStream out = Files.newOutputStream(output); JarOutputStream dp = new JarOutputStream(out, manifest)) {
            for (Path jar : jars) {
                JarEntry entry = new JarEntry("bundles/" + jar.getFileName());
                entry.setTime(0);
                dp.putNextEntry(entry);
                Files.copy(jar, dp);
                dp.closeEntry();
            }
        }
    }
}
