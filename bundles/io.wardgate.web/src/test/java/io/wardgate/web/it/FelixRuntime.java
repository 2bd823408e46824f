package io.wardgate.web.it;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * A real Apache Felix with the appliance's HTTP stack (Felix HTTP Jetty 12, SCR, ConfigAdmin,
 * Metatype, FileInstall) and this bundle, started inside the test JVM. The system bundle exports
 * the WardGate API and port packages from the test class path, so a test registers real service
 * objects (an audit trail that records, a device registry) that the bundle then uses.
 */
final class FelixRuntime implements AutoCloseable {
    static final String EXPORTS = exportsOf(io.wardgate.api.Decimal.class) + ","
            + exportsOf(io.wardgate.web.port.DeviceRegistry.class) + ","
            // What the real io.wardgate.manage bundle (installed for its ConfigurationChanges) imports,
            // without the bundles behind it: their services come from the tests or stay absent.
            + exportsOf(io.wardgate.audit.api.AuditLog.class) + "," + exportsOf(io.wardgate.policy.api.ReadingObserver.class)
            + "," + exportsOf(io.wardgate.seal.admin.IdentityAdmin.class) + ","
            + exportsOf(org.eclipse.paho.mqttv5.client.MqttClient.class);

    final Framework framework;
    final Path work;
    final Path conf;
    final Path data;
    final Path log;
    final int port;

    /** The Export-Package header bnd wrote for the bundle a class comes from (classes dir or jar). */
    static String exportsOf(Class<?> type) {
        try {
            java.net.URL location = type.getProtectionDomain().getCodeSource().getLocation();
            Path source = Path.of(location.toURI());
            java.util.jar.Manifest manifest;
            if (Files.isDirectory(source)) {
                try (var in = Files.newInputStream(source.resolve("META-INF/MANIFEST.MF"))) {
                    manifest = new java.util.jar.Manifest(in);
                }
            } else {
                try (var jar = new java.util.jar.JarFile(source.toFile())) {
                    manifest = jar.getManifest();
                }
            }
            String exports = manifest.getMainAttributes().getValue("Export-Package");
            if (exports == null) {
                throw new IllegalStateException("no Export-Package in the manifest at " + source);
            }
            return exports;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the exports of " + type, e);
        }
    }

    private FelixRuntime(Framework framework, Path work, int port) {
        this.framework = framework;
        this.work = work;
        this.conf = work.resolve("conf");
        this.data = work.resolve("data");
        this.log = work.resolve("wardgate.log");
        this.port = port;
    }

    /** Starts Felix in a fresh directory; the web UI listens on a free port of 127.0.0.1. */
    static FelixRuntime start(String name) throws Exception {
        return start(name, false);
    }

    /**
     * As {@link #start(String)}; {@code plainCfg}: the console's port comes in an operator's plain
     * ".cfg" file; otherwise a typed ".config" file. Either is written back by io.wardgate.config,
     * atomically, and FileInstall's own in-place write-back is off, as in the appliance: with both on,
     * FileInstall's poll could read its own half-written file under load, lose the port and restart the
     * UI on the default one in the middle of a request (seen once in HttpsIT).
     */
    static FelixRuntime start(String name, boolean plainCfg) throws Exception {
        Path work = Path.of(System.getProperty("wardgate.it.work", "target/it")).resolve(name).toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work.resolve("conf"));
        Files.createDirectories(work.resolve("data"));
        int port = freePort();
        // FileInstall delivers this before the web bundle starts (see below): the UI never binds elsewhere.
        Path cfg = work.resolve("conf").resolve("io.wardgate.web.WebConsole" + (plainCfg ? ".cfg" : ".config"));
        String portLine = plainCfg ? "port=" + port : "port=I\"" + port + "\"";
        Files.writeString(cfg, portLine + "\n");
        // slf4j-simple inside the framework reads these system properties: the log goes to a file
        // the test reads, as an operator reads the journal.
        System.setProperty("org.slf4j.simpleLogger.logFile", work.resolve("wardgate.log").toString());
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        Map<String, String> props = new HashMap<>();
        props.put("org.osgi.framework.storage", work.resolve("framework").toString());
        props.put("org.osgi.framework.storage.clean", "onFirstInit");
        props.put("org.osgi.framework.system.packages.extra", EXPORTS);
        props.put("org.apache.felix.http.enable", "false");
        props.put("org.apache.felix.https.enable", "false");
        props.put("org.apache.felix.http.host", "127.0.0.1");
        props.put("felix.fileinstall.dir", work.resolve("conf").toString());
        props.put("felix.fileinstall.poll", "200");
        props.put("felix.fileinstall.noInitialDelay", "true");
        props.put("felix.fileinstall.enableConfigSave", "false");
        props.put("felix.fileinstall.log.level", "2");
        props.put("wardgate.data", work.resolve("data").toString());
        props.put("ds.loglevel", "warn");
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(props);
        framework.init();
        BundleContext context = framework.getBundleContext();
        List<Bundle> bundles = new ArrayList<>();
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("wardgate.it.bundles")))) {
            for (Path jar : jars.sorted().toList()) {
                bundles.add(context.installBundle(jar.toUri().toString()));
            }
        }
        Bundle web = context.installBundle(Path.of(System.getProperty("wardgate.it.bundle")).toUri().toString());
        framework.start();
        // As the appliance's start levels do: the ServiceLoader mediator and the log backend first,
        // so that slf4j finds its provider before anything logs.
        bundles.sort(java.util.Comparator.comparingInt(FelixRuntime::startOrder));
        Bundle fileInstall = null;
        for (Bundle b : bundles) {
            if (b.getSymbolicName().equals("org.apache.felix.fileinstall")) {
                fileInstall = b;
            } else if (b.getHeaders().get("Fragment-Host") == null) {
                b.start();
            }
        }
        FelixRuntime runtime = new FelixRuntime(framework, work, port);
        // ConfigAdmin registers its service asynchronously; FileInstall skips the files it scans before
        // that and does not look again until they change. So: ConfigAdmin first, then FileInstall.
        Waits.until(Duration.ofSeconds(30), "ConfigAdmin service",
                () -> context.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null));
        fileInstall.start();
        // Seen once under heavy load: the file found empty and never delivered. The harness writes it
        // again (loudly) rather than fail a UI test on start-up; up to three tries.
        for (int attempt = 1; ; attempt++) {
            try {
                Waits.until(Duration.ofSeconds(30), "FileInstall delivered the web UI configuration",
                        () -> runtime.configurationValue("io.wardgate.web.WebConsole", "port"));
                break;
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                if (attempt == 3) {
                    throw e;
                }
                System.err.println("FelixRuntime: configuration not delivered after 30 s (file has "
                        + Files.size(cfg) + " bytes); writing it again");
                Files.writeString(cfg, portLine + "\n# rewritten " + attempt + "\n");
            }
        }
        // The gateway's secrets service, as the seal bundle offers it in the appliance: a real one with a
        // file key, so that password settings are stored sealed here too.
        runtime.register(io.wardgate.api.secrets.SecretBox.class,
                io.wardgate.web.TestSecretBoxes.fileKey(work.resolve("data/identity")));
        web.start();
        return runtime;
    }

    private static int startOrder(Bundle b) {
        String name = b.getSymbolicName();
        if (name.startsWith("org.objectweb.asm")) {
            return 0;
        }
        if (name.startsWith("org.apache.aries.spifly")) {
            return 1;
        }
        return name.startsWith("slf4j.") ? 2 : 3;
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /** Registers a test service object under an API interface the system bundle exports. */
    <T> void register(Class<T> type, T service) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("service.ranking", 100);
        context().registerService(type, service, props);
    }

    /** A property of a configuration, read through ConfigAdmin (reflectively: its classes live in the framework). */
    Object configurationValue(String pid, String key) {
        try {
            // All references, not only class-compatible ones: this test's class path has its own copy of the CM API.
            ServiceReference<?>[] refs = context().getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null);
            if (refs == null) {
                return null;
            }
            ServiceReference<?> ref = refs[0];
            Object admin = context().getService(ref);
            Class<?> api = ref.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
            Method list = api.getMethod("listConfigurations", String.class);
            Object[] found = (Object[]) list.invoke(admin, "(service.pid=" + pid + ")");
            if (found == null) {
                return null;
            }
            Class<?> configuration = ref.getBundle().loadClass("org.osgi.service.cm.Configuration");
            Dictionary<?, ?> props = (Dictionary<?, ?>) configuration.getMethod("getProperties").invoke(found[0]);
            return props == null ? null : props.get(key);
        } catch (ReflectiveOperationException | InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sets properties of a configuration through ConfigAdmin (reflectively, as {@link #configurationValue}),
     * keeping the others: how an older WardGate wrote Felix HTTP's settings.
     */
    void putConfigurationValues(String pid, Map<String, Object> values) {
        try {
            ServiceReference<?> ref = context().getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null)[0];
            Object admin = context().getService(ref);
            Class<?> api = ref.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
            Object[] found = (Object[]) api.getMethod("listConfigurations", String.class).invoke(admin,
                    "(service.pid=" + pid + ")");
            Class<?> configuration = ref.getBundle().loadClass("org.osgi.service.cm.Configuration");
            @SuppressWarnings("unchecked")
            Dictionary<String, Object> props = (Dictionary<String, Object>) configuration.getMethod("getProperties")
                    .invoke(found[0]);
            values.forEach(props::put);
            configuration.getMethod("update", Dictionary.class).invoke(found[0], props);
        } catch (ReflectiveOperationException | InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The installed bundle of that symbolic name. */
    Bundle bundle(String symbolicName) {
        for (Bundle b : context().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new IllegalStateException("no bundle " + symbolicName);
    }

    /** The one-time setup code the bundle wrote to the log. */
    String setupCode() throws IOException {
        return Waits.until(Duration.ofSeconds(30), "the setup code in the log", () -> {
            if (!Files.exists(log)) {
                return null;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("one-time setup code ([A-Z0-9-]{23})")
                    .matcher(Files.readString(log));
            return m.find() ? m.group(1) : null;
        });
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(30_000);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
