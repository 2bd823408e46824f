package io.wardgate.manage;

import static org.awaitility.Awaitility.await;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;
import io.wardgate.manage.fixture.FixtureA;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.MetaTypeService;

/**
 * A real Apache Felix with the appliance's SCR, ConfigurationAdmin and Metatype bundles, plus a
 * fixture bundle that bnd builds from the annotated classes of io.wardgate.manage.fixture (DS
 * components with a typed Metatype configuration; one mode makes activation fail). The OSGi service
 * APIs come from the test class path through the system bundle, so this test talks to the
 * framework's services directly.
 */
public final class EmbeddedFelix implements AutoCloseable {
    private static final String API = String.join(",", "org.osgi.service.cm;version=1.6.1",
            "org.osgi.service.metatype;version=1.4.1", "org.osgi.service.component;version=1.5.1",
            "org.osgi.service.component.runtime;version=1.5.1", "org.osgi.service.component.runtime.dto;version=1.5.1",
            "org.osgi.service.log;version=1.5.0", "org.osgi.util.promise;version=1.3.0",
            "org.osgi.util.function;version=1.2.0");

    private final Framework framework;

    private EmbeddedFelix(Framework framework) {
        this.framework = framework;
    }

    public static EmbeddedFelix start(Path dir) throws Exception {
        Files.createDirectories(dir);
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, dir.resolve("framework").toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, API);
        properties.put("felix.log.level", "1");
        Framework framework = new FrameworkFactory().newFramework(properties);
        framework.start();
        BundleContext context = framework.getBundleContext();
        for (String marker : List.of("org.apache.felix.scr.impl.Activator", "org.apache.felix.cm.impl.ConfigurationManager",
                "org.apache.felix.metatype.internal.Activator")) {
            context.installBundle(jarOf(marker).toUri().toString());
        }
        context.installBundle(fixtureBundle(dir.resolve("fixture.jar")).toUri().toString());
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() != 0) {
                bundle.start();
            }
        }
        EmbeddedFelix felix = new EmbeddedFelix(framework);
        await().atMost(Duration.ofSeconds(20)).until(() -> context.getServiceReference(ConfigurationAdmin.class) != null
                && context.getServiceReference(MetaTypeService.class) != null
                && context.getServiceReference(ServiceComponentRuntime.class) != null);
        return felix;
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    public <T> T service(Class<T> type) {
        ServiceReference<T> reference = context().getServiceReference(type);
        return context().getService(reference);
    }

    private static Path jarOf(String className) throws ClassNotFoundException, URISyntaxException {
        Class<?> marker = Class.forName(className, false, EmbeddedFelix.class.getClassLoader());
        return Path.of(marker.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** bnd makes the component and Metatype XML from the fixture's annotations, as for every WardGate bundle. */
    private static Path fixtureBundle(Path file) throws Exception {
        try (Builder builder = new Builder()) {
            builder.setProperty(Constants.BUNDLE_SYMBOLICNAME, "io.wardgate.manage.fixture");
            builder.setProperty(Constants.BUNDLE_VERSION, "1.0.0");
            builder.setProperty("Private-Package", FixtureA.class.getPackageName());
            builder.addClasspath(new File(FixtureA.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
            builder.addClasspath(jarOf("org.osgi.service.component.annotations.Component").toFile());
            builder.addClasspath(jarOf("org.osgi.service.metatype.annotations.ObjectClassDefinition").toFile());
            Jar jar = builder.build();
            if (!builder.isOk()) {
                throw new IllegalStateException("fixture bundle: " + builder.getErrors());
            }
            jar.write(file.toFile());
            return file;
        }
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }
}
