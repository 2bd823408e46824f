package io.wardgate.deb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * On a first start (empty framework storage) the bnd launcher copies every bundle wardgate.jar embeds into the
 * storage. The bundles are jars, compressed already: stored without deflation (-compression: STORE in
 * wardgate.bndrun) that copy reads them as they are instead of inflating the whole ~38 MB again
 * (docs/benchmarks-history.md, "Start-up: the launcher's copy (issue 25, item 3)").
 */
class EmbeddedBundlesStoredTest {

    @Test
    void everyBundleTheLauncherInstallsIsStoredUncompressed() throws Exception {
        List<String> deflated = new ArrayList<>();
        String[] bundles;
        try (JarFile appliance = new JarFile(System.getProperty("wardgate.appliance"))) {
            Properties launcher = new Properties();
            try (InputStream in = appliance.getInputStream(appliance.getEntry("launcher.properties"))) {
                launcher.load(in);
            }
            bundles = launcher.getProperty("launch.bundles").split(",");
            for (String bundle : bundles) {
                ZipEntry entry = appliance.getEntry(bundle.strip());
                assertThat(entry).as(bundle).isNotNull();
                if (entry.getMethod() != ZipEntry.STORED) {
                    deflated.add(bundle);
                }
            }
        }
        assertThat(bundles.length).isGreaterThan(20);
        assertThat(deflated).as("embedded bundles the launcher would inflate on a first start").isEmpty();
    }
}
