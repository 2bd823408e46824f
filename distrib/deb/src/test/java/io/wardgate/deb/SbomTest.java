package io.wardgate.deb;

import io.wardgate.testkit.RequiredTools;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** S21: the SBOM lists every bundle that actually runs: each jar of the launcher's launch.bundles, by hash. */
class SbomTest {

    @Test
    void everyLaunchedBundleIsInTheSbomWithItsHash() throws Exception {
        String sbom = Files.readString(Path.of(System.getProperty("wardgate.sbom")));
        assertThat(sbom).containsPattern("\"bomFormat\"\\s*:\\s*\"CycloneDX\"");
        List<String> hashes = new ArrayList<>();
        Matcher m = Pattern.compile("\"alg\"\\s*:\\s*\"SHA-256\",\\s*\"content\"\\s*:\\s*\"([0-9a-f]{64})\"").matcher(sbom);
        while (m.find()) {
            hashes.add(m.group(1));
        }
        List<String> missing = new ArrayList<>();
        int launched;
        try (JarFile appliance = new JarFile(System.getProperty("wardgate.appliance"))) {
            Properties launcher = new Properties();
            try (InputStream in = appliance.getInputStream(appliance.getEntry("launcher.properties"))) {
                launcher.load(in);
            }
            String[] bundles = launcher.getProperty("launch.bundles").split(",");
            launched = bundles.length;
            for (String bundle : bundles) {
                try (InputStream in = appliance.getInputStream(appliance.getEntry(bundle.strip()))) {
                    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
                    if (!hashes.contains(sha)) {
                        missing.add(bundle);
                    }
                }
            }
        }
        assertThat(launched).isGreaterThan(10);
        assertThat(missing).as("launched bundles the SBOM does not list").isEmpty();
    }

    @Test
    void theSbomIsShippedInThePackage() throws Exception {
        RequiredTools.require("inspecting the .deb", "dpkg-deb");
        assertThat(RequiredTools.run("dpkg-deb", "-c", System.getProperty("wardgate.deb")))
                .contains("./usr/share/wardgate/sbom.cdx.json");
    }
}
