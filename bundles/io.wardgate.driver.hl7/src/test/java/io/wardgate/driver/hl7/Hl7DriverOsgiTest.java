package io.wardgate.driver.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.driver.DeviceDriver;
import io.wardgate.api.driver.NetworkDriver;
import io.wardgate.api.driver.Peer;
import io.wardgate.api.driver.ProtocolSession;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * The bundle as bnd made it (target/classes: manifest, DS XML, HAPI embedded) in a real Felix with
 * Declarative Services: it resolves with nothing of HAPI's installed, registers the "hl7" NetworkDriver
 * service, and its session parses a PCD-01 message and builds the ACK with HAPI inside OSGi (HAPI finds
 * its v2.6 classes and event map through the bundle's own class loader). The API packages and slf4j
 * come from the test's class path through the system bundle, so the test and the bundle share the
 * driver interfaces.
 */
class Hl7DriverOsgiTest {
    @TempDir
    Path dir;

    @Test
    void resolvesRegistersTheDriverAndParsesInsideFelix() throws Exception {
        Path bundleDir = Path.of(Hl7Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Manifest manifest;
        try (var in = java.nio.file.Files.newInputStream(bundleDir.resolve("META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        String imports = manifest.getMainAttributes().getValue(Constants.IMPORT_PACKAGE);
        assertThat(imports).doesNotContain("ca.uhn");
        Framework framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, dir.resolve("felix").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, systemPackages(imports)));
        framework.start();
        try {
            BundleContext context = framework.getBundleContext();
            List<Bundle> bundles = new ArrayList<>();
            for (String jar : classPathJars("org.apache.felix.scr", "org.osgi.service.component-", "org.osgi.util.function",
                    "org.osgi.util.promise")) {
                bundles.add(context.installBundle("reference:file:" + jar));
            }
            Bundle hl7 = context.installBundle("reference:" + bundleDir.toUri());
            bundles.add(hl7);
            for (Bundle bundle : bundles) {
                bundle.start();
            }
            assertThat(hl7.getState()).isEqualTo(Bundle.ACTIVE);
            assertThat(hl7.getSymbolicName()).isEqualTo("io.wardgate.driver.hl7");

            Collection<ServiceReference<NetworkDriver>> refs = awaitDriver(context);
            ServiceReference<NetworkDriver> ref = refs.iterator().next();
            assertThat(ref.getBundle()).isEqualTo(hl7);
            NetworkDriver driver = context.getService(ref);
            assertThat(driver.getClass().getClassLoader()).isNotSameAs(Hl7Driver.class.getClassLoader());
            assertThat(driver.endpoint().port()).isEqualTo(Hl7Driver.DEFAULT_PORT);

            ProtocolSession session = driver.openSession(new Peer("192.0.2.17", 40000));
            PolicyOutput out = new PolicyOutput(Set.of(Hl7SessionTest.MONITOR));
            byte[] message = Messages.framed("pcd01-v26-monitor.hl7");
            session.start(Instant.EPOCH, out);
            session.receive(message, 0, message.length, Hl7SessionTest.NOW, out);
            assertThat(out.recorded.errors()).isEmpty();
            assertThat(out.recorded.observations()).hasSize(5);
            assertThat(out.msa(0)).isEqualTo("CA|MSG00001");
            context.ungetService(ref);
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    private static Collection<ServiceReference<NetworkDriver>> awaitDriver(BundleContext context) throws Exception {
        String filter = "(" + DeviceDriver.PROTOCOL + "=" + Hl7Driver.NAME + ")";
        for (int i = 0; i < 100; i++) {
            Collection<ServiceReference<NetworkDriver>> refs = context.getServiceReferences(NetworkDriver.class, filter);
            if (!refs.isEmpty()) {
                return refs;
            }
            Thread.sleep(50); // SCR activates components asynchronously
        }
        throw new AssertionError("no NetworkDriver " + filter + " registered within 5 s");
    }

    /** The io.wardgate.api* and org.slf4j packages the bundle imports, at the low end of each range. */
    private static String systemPackages(String imports) {
        Matcher m = Pattern.compile("((?:io\\.wardgate\\.api|org\\.slf4j)[\\w.]*);[^,]*?version=\"\\[([0-9.]+),")
                .matcher(imports);
        List<String> packages = new ArrayList<>();
        while (m.find()) {
            packages.add(m.group(1) + ";version=" + m.group(2));
        }
        assertThat(packages).anyMatch(p -> p.startsWith("io.wardgate.api.driver;"));
        return String.join(",", packages);
    }

    private static List<String> classPathJars(String... prefixes) {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            for (String prefix : prefixes) {
                if (name.startsWith(prefix) && name.endsWith(".jar")) {
                    jars.add(entry);
                }
            }
        }
        assertThat(jars).hasSize(prefixes.length);
        return jars;
    }
}
