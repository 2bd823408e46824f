package io.wardgate.config;

import static org.awaitility.Awaitility.await;

import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.config.files.ConfigText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * A real Apache Felix as the appliance runs it for configuration: SCR, ConfigurationAdmin, FileInstall
 * (enableConfigSave=false, as in wardgate.bndrun) and this bundle, started before FileInstall as the
 * appliance's start level does. The bundle is made from target/classes, where bnd wrote its manifest
 * and component XML. Framework storage survives {@link #close()}, so a second start is a restart.
 */
final class FileInstallFelix implements AutoCloseable {
    private static final String API = String.join(",", "org.osgi.service.cm;version=1.6.1",
            "org.osgi.service.component;version=1.5.1", "org.osgi.service.component.runtime;version=1.5.1",
            "org.osgi.service.component.runtime.dto;version=1.5.1", "org.osgi.util.promise;version=1.3.0",
            "org.osgi.util.function;version=1.2.0",
            "io.wardgate.api.pipeline;version=" + exportedVersion(AuditTrail.class, "io.wardgate.api.pipeline"),
            "io.wardgate.check;version=1.0.0", "org.slf4j;version=2.0.17");

    private final Framework framework;

    private FileInstallFelix(Framework framework) {
        this.framework = framework;
    }

    /** Starts with a recording audit trail registered from outside, as the audit bundle would. */
    static FileInstallFelix start(Path dir, Path conf, AuditTrail audit) throws Exception {
        return start(dir, conf, audit, true);
    }

    /** {@code withWriter} false: FileInstall with its write-back off and without this bundle (the control). */
    static FileInstallFelix start(Path dir, Path conf, AuditTrail audit, boolean withWriter) throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, dir.resolve("framework").toString());
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, API);
        properties.put("felix.fileinstall.dir", conf.toString());
        properties.put("felix.fileinstall.filter", ".*\\.(cfg|config|json)");
        properties.put("felix.fileinstall.poll", "100");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.enableConfigSave", "false");
        properties.put("felix.fileinstall.log.level", "2");
        Framework framework = new FrameworkFactory().newFramework(properties);
        framework.start();
        BundleContext context = framework.getBundleContext();
        context.registerService(AuditTrail.class, audit, null);
        Path ours = bundleOfThisModule(dir.resolve("io.wardgate.config.jar"));
        // Installed and started in the appliance's order: this bundle first (lower start level).
        List<String> order = new java.util.ArrayList<>(List.of(jarOf("org.apache.felix.cm.impl.ConfigurationManager"),
                jarOf("org.apache.felix.scr.impl.Activator"), jarOf("org.apache.felix.fileinstall.internal.FileInstall")));
        if (withWriter) {
            order.add(0, ours.toUri().toString());
        }
        List<Bundle> bundles = new java.util.ArrayList<>();
        for (String location : order) {
            Bundle bundle = context.getBundle(location);
            bundles.add(bundle == null ? context.installBundle(location) : bundle);
        }
        for (Bundle bundle : bundles) {
            bundle.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> context.getServiceReference(ConfigurationAdmin.class) != null
                && context.getServiceReference(ServiceComponentRuntime.class) != null);
        return new FileInstallFelix(framework);
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    ConfigurationAdmin admin() {
        return context().getService(context().getServiceReference(ConfigurationAdmin.class));
    }

    private static String jarOf(String className) throws ClassNotFoundException, URISyntaxException {
        Class<?> marker = Class.forName(className, false, FileInstallFelix.class.getClassLoader());
        return Path.of(marker.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toString();
    }

    /** target/classes (manifest and OSGI-INF written by bnd at process-classes) as a jar. */
    private static Path bundleOfThisModule(Path jar) throws IOException, URISyntaxException {
        Path classes = Path.of(ConfigText.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Manifest manifest;
        try (var in = Files.newInputStream(classes.resolve("META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                if (!name.equals("META-INF/MANIFEST.MF")) {
                    zip.putNextEntry(new JarEntry(name));
                    Files.copy(file, zip);
                    zip.closeEntry();
                }
            }
        }
        return jar;
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(20_000);
    }

    /**
     * The version the api bundle's manifest (written by bnd from package-info) exports a package at, so the
     * class path's copy is offered at the version this bundle imports, bump after bump.
     */
    private static String exportedVersion(Class<?> member, String packageName) {
        try {
            URL self = member.getResource(member.getSimpleName() + ".class");
            String url = self.toString();
            String root = url.substring(0, url.length() - (member.getName().replace('.', '/') + ".class").length());
            try (InputStream in = new URL(root + "META-INF/MANIFEST.MF").openStream()) {
                String exports = new Manifest(in).getMainAttributes().getValue("Export-Package");
                Matcher m = Pattern.compile("(?:^|,)" + Pattern.quote(packageName)
                        + ";(?:[^,\"]|\"[^\"]*\")*?version=\"?([0-9.]+)").matcher(exports);
                if (!m.find()) {
                    throw new IllegalStateException(packageName + " not exported by " + root);
                }
                return m.group(1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
