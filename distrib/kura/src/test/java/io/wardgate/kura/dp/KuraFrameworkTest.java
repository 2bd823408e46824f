package io.wardgate.kura.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleRevision;

/**
 * The written .dp is complete: on a real Equinox (the framework Kura runs on) holding only what Kura
 * itself provides (SCR, ConfigAdmin, Metatype, the OSGi Log Service of Equinox, slf4j and Kura's API
 * as the itest's kura.bndrun stubs it: target/kura-base), every bundle of the package installs in
 * the package's order and starts, and the gateway's components come up behind the Kura facades. A
 * bundle that fails names its missing requirement (Equinox's resolution report) in the failure.
 */
class KuraFrameworkTest {
    /** A loaded machine may take a while to start everything; the test polls, it does not sleep. */
    private static final Duration SETTLE = Duration.ofSeconds(90);

    private Framework framework;

    @AfterEach
    void stop() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(SETTLE.toMillis());
        }
    }

    @Test
    void everyBundleOfThePackageStartsOnKurasBaseAndTheGatewayComesUp() throws Exception {
        Path storage = Path.of(System.getProperty("kura.storage"));
        Path data = storage.resolveSibling("kura-data");
        Files.createDirectories(data);
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put("wardgate.data", data.toString());
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(properties);
        framework.start();
        BundleContext context = framework.getBundleContext();
        assertThat(framework.getSymbolicName()).isEqualTo("org.eclipse.osgi");

        List<Bundle> base = new ArrayList<>();
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("kura.base")))) {
            for (Path jar : jars.sorted().toList()) {
                try (InputStream in = Files.newInputStream(jar)) {
                    base.add(context.installBundle("kura:" + jar.getFileName(), in));
                }
            }
        }
        assertThat(startAll(base)).as("Kura's base starts").isEmpty();

        Map<String, Bundle> packaged = installPackage(context, Path.of(System.getProperty("wardgate.dp")));
        Map<String, String> failures = startAll(packaged.values());
        assertThat(failures).as("bundles of the .dp that do not start, with the reason").isEmpty();
        for (Map.Entry<String, Bundle> entry : packaged.entrySet()) {
            Bundle bundle = entry.getValue();
            boolean fragment = (bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            assertThat(bundle.getState()).as(entry.getKey() + " state")
                    .isEqualTo(fragment ? Bundle.RESOLVED : Bundle.ACTIVE);
        }
        Set<String> names = new HashSet<>();
        packaged.values().forEach(b -> names.add(b.getSymbolicName()));
        assertThat(names).contains("io.wardgate.policy", "io.wardgate.seal", "io.wardgate.outbox",
                "io.wardgate.uplink", "io.wardgate.serial", "io.wardgate.kura");

        // Every WardGate component with a configuration is satisfied (as the appliance's RuntimeTest
        // demands): a bundle missing from the package leaves a reference unsatisfied, named here.
        await().atMost(SETTLE).untilAsserted(() -> assertThat(unsatisfied(context)).isEmpty());
        // The gateway behind the facades: its pipeline's services, and Kura's view of its components.
        // getAllServiceReferences: this test runs as the system bundle, which wires no WardGate package.
        // The uplink needs its broker's configuration before it registers, so Kura's form for it is checked.
        await().atMost(SETTLE).untilAsserted(() -> {
            for (String service : List.of("io.wardgate.api.pipeline.ReadingIntake", "io.wardgate.api.pipeline.Outbox",
                    "io.wardgate.api.pipeline.AuditTrail", "io.wardgate.api.pipeline.GatewayIdentity")) {
                assertThat(context.getAllServiceReferences(service, null)).as(service + " registered").isNotEmpty();
            }
            assertThat(kuraPids(context)).as("PIDs Kura lists").contains("io.wardgate.check.SelfCheck")
                    .anyMatch(pid -> pid.startsWith("io.wardgate.uplink"))
                    .anyMatch(pid -> pid.startsWith("io.wardgate.policy"));
        });
    }

    /**
     * WardGate's component configurations that are neither satisfied nor active, with their
     * unsatisfied references, read from SCR's runtime DTOs by reflection (the DTO classes live in the
     * framework, not on this test's class path).
     */
    private static List<String> unsatisfied(BundleContext context) throws Exception {
        ServiceReference<?> reference =
                context.getServiceReference("org.osgi.service.component.runtime.ServiceComponentRuntime");
        assertThat(reference).as("SCR").isNotNull();
        Class<?> type = reference.getBundle().loadClass("org.osgi.service.component.runtime.ServiceComponentRuntime");
        Class<?> descriptionType = reference.getBundle()
                .loadClass("org.osgi.service.component.runtime.dto.ComponentDescriptionDTO");
        Object scr = context.getService(reference);
        List<String> problems = new ArrayList<>();
        try {
            Bundle[] wardGate = Stream.of(context.getBundles())
                    .filter(b -> b.getSymbolicName().startsWith("io.wardgate.")).toArray(Bundle[]::new);
            Collection<?> descriptions = (Collection<?>) type.getMethod("getComponentDescriptionDTOs", Bundle[].class)
                    .invoke(scr, (Object) wardGate);
            for (Object description : descriptions) {
                String name = (String) description.getClass().getField("name").get(description);
                Collection<?> configurations = (Collection<?>) type.getMethod("getComponentConfigurationDTOs", descriptionType)
                        .invoke(scr, description);
                for (Object configuration : configurations) {
                    int state = configuration.getClass().getField("state").getInt(configuration);
                    if (state != 4 && state != 8) { // SATISFIED, ACTIVE
                        List<String> references = new ArrayList<>();
                        for (Object missing : (Object[]) configuration.getClass().getField("unsatisfiedReferences")
                                .get(configuration)) {
                            references.add(missing.getClass().getField("name").get(missing) + " "
                                    + missing.getClass().getField("target").get(missing));
                        }
                        problems.add(name + " state " + state + " unsatisfied " + references + " failure "
                                + configuration.getClass().getField("failure").get(configuration));
                    }
                }
            }
        } finally {
            context.ungetService(reference);
        }
        return problems;
    }

    /** Installs the package's bundles in its order, as Deployment Admin does: all installed before any starts. */
    private static Map<String, Bundle> installPackage(BundleContext context, Path dp) throws IOException, BundleException {
        Map<String, Bundle> installed = new LinkedHashMap<>();
        try (JarInputStream in = new JarInputStream(new FileInputStream(dp.toFile()))) {
            JarEntry entry;
            while ((entry = in.getNextJarEntry()) != null) {
                byte[] bytes = in.readAllBytes();
                installed.put(entry.getName(), context.installBundle("dp:" + entry.getName(), new ByteArrayInputStream(bytes)));
            }
        }
        return installed;
    }

    /** Starts every non-fragment; returns each failure's bundle and message (which names the missing requirement). */
    private static Map<String, String> startAll(Iterable<Bundle> bundles) {
        Map<String, String> failures = new LinkedHashMap<>();
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException e) {
                failures.put(bundle.getSymbolicName(), e.getMessage());
            }
        }
        return failures;
    }

    private static Set<String> kuraPids(BundleContext context) throws Exception {
        Set<String> pids = new HashSet<>();
        ServiceReference<?>[] references =
                context.getAllServiceReferences("org.eclipse.kura.configuration.ConfigurableComponent", null);
        for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
            pids.add(String.valueOf(reference.getProperty(Constants.SERVICE_PID)));
        }
        return pids;
    }
}
