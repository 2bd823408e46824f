package io.wardgate.kura.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The written .dp: manifest first, the package's name and version, one valid section per bundle. */
class DeploymentPackageTest {

    @Test
    void manifestAndContents() throws Exception {
        String path = System.getProperty("wardgate.dp");
        try (JarInputStream in = new JarInputStream(new java.io.FileInputStream(path))) {
            // JarInputStream finds the manifest only when it is the first entry, as Deployment Admin requires.
            Manifest manifest = in.getManifest();
            assertThat(manifest).isNotNull();
            Attributes main = manifest.getMainAttributes();
            assertThat(main.getValue("DeploymentPackage-SymbolicName")).isEqualTo("io.wardgate");
            assertThat(main.getValue("DeploymentPackage-Version")).matches("\\d+\\.\\d+\\.\\d+(\\.[\\w-]+)?");

            List<String> names = new ArrayList<>();
            JarEntry entry;
            while ((entry = in.getNextJarEntry()) != null) {
                names.add(entry.getName());
                byte[] bytes = in.readAllBytes();
                Attributes section = manifest.getAttributes(entry.getName());
                assertThat(section).as(entry.getName() + " has a manifest section").isNotNull();
                // The section agrees with the bundle it describes.
                try (JarInputStream bundle = new JarInputStream(new ByteArrayInputStream(bytes))) {
                    Attributes headers = bundle.getManifest().getMainAttributes();
                    assertThat(section.getValue("Bundle-SymbolicName"))
                            .isEqualTo(headers.getValue("Bundle-SymbolicName").split(";")[0].strip());
                    assertThat(section.getValue("Bundle-Version")).isEqualTo(headers.getValue("Bundle-Version"));
                    String imports = String.valueOf(headers.getValue("Import-Package"));
                    if (imports.contains("org.eclipse.kura")) {
                        assertThat(imports).contains("org.eclipse.kura.configuration;version=\"[1.0,2.0)\"");
                    }
                }
            }
            assertThat(manifest.getEntries().keySet()).containsExactlyInAnyOrderElementsOf(names);
            assertThat(names).contains("bundles/io.wardgate.api-0.1.0-SNAPSHOT.jar",
                    "bundles/io.wardgate.kura-0.1.0-SNAPSHOT.jar", "bundles/io.wardgate.check-0.1.0-SNAPSHOT.jar",
                    // Networked devices: the transport host, what it imports, and the network drivers.
                    "bundles/io.wardgate.network-0.1.0-SNAPSHOT.jar", "bundles/io.wardgate.shared-0.1.0-SNAPSHOT.jar",
                    "bundles/io.wardgate.driver.intellivue-0.1.0-SNAPSHOT.jar",
                    "bundles/io.wardgate.driver.hl7-0.1.0-SNAPSHOT.jar");
            assertThat(names).contains("bundles/io.wardgate.policy-0.1.0-SNAPSHOT.jar",
                    "bundles/io.wardgate.seal-0.1.0-SNAPSHOT.jar", "bundles/io.wardgate.outbox-0.1.0-SNAPSHOT.jar",
                    "bundles/io.wardgate.uplink-0.1.0-SNAPSHOT.jar", "bundles/io.wardgate.serial-0.1.0-SNAPSHOT.jar");
            // Start order: libraries, then the API, then the WardGate bundles that import it.
            int api = names.indexOf("bundles/io.wardgate.api-0.1.0-SNAPSHOT.jar");
            for (int i = 0; i < names.size(); i++) {
                boolean wardGate = names.get(i).startsWith("bundles/io.wardgate.")
                        && !names.get(i).startsWith("bundles/io.wardgate.wrapped.");
                assertThat(i < api ? !wardGate : wardGate).as(names.get(i) + " at " + i + ", API at " + api).isTrue();
            }
            // Never shipped: the compile-only Kura stub, a framework, what Kura replaces (web console, updater).
            assertThat(names).noneMatch(n -> n.contains("kura-api-stub") || n.contains("org.eclipse.osgi")
                    || n.contains("felix") || n.contains("slf4j") || n.contains("io.wardgate.web")
                    || n.contains("io.wardgate.update"));
        }
        try (JarFile jar = new JarFile(path)) {
            assertThat(jar.stream().map(JarEntry::getName)).allMatch(n -> n.startsWith("META-INF/") || n.startsWith("bundles/"));
        }
    }
}
