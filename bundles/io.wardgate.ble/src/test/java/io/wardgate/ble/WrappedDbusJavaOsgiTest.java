package io.wardgate.ble;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.sim.ble.PrivateBus;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.felix.framework.FrameworkFactory;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * The wrapped dbus-java bundle inside a real OSGi framework (Felix) finds its unix-socket transport
 * through ServiceLoader by itself, because core and transport are one bundle: it connects to a bus.
 * SPI Fly (and a logging provider) are installed only because slf4j-api 2 requires them; the wrapped bundle declares no
 * osgi.serviceloader requirement, so SPI Fly leaves it alone. The JDK packages it imports besides
 * java.* (jdk.net, com.sun.security.auth.module, javax.xml.*) come from Felix's system bundle as it is.
 */
class WrappedDbusJavaOsgiTest {
    @TempDir
    Path dir;

    @Test
    void connectsFromInsideOsgiWithoutSpiFly() throws Exception {
        try (PrivateBus bus = PrivateBus.embedded(dir)) {
            Framework framework = new FrameworkFactory().newFramework(Map.of(
                    Constants.FRAMEWORK_STORAGE, dir.resolve("felix").toString(),
                    Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
            framework.start();
            try {
                BundleContext context = framework.getBundleContext();
                List<Bundle> bundles = new ArrayList<>();
                for (String jar : classPathJars("asm", "org.apache.aries.spifly", "slf4j-api", "slf4j-simple")) {
                    bundles.add(context.installBundle("reference:file:" + jar));
                }
                Bundle dbus = context.installBundle(location(DBusConnection.class));
                bundles.add(dbus);
                for (Bundle bundle : bundles) {
                    if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                        bundle.start();
                    }
                }
                assertThat(dbus.getHeaders().get("Require-Capability")).doesNotContain("osgi.serviceloader");
                assertThat(dbus.getState()).isEqualTo(Bundle.ACTIVE);
                assertThat(dbus.getSymbolicName()).isEqualTo("io.wardgate.wrapped.dbus-java");

                Class<?> builderType = dbus.loadClass("org.freedesktop.dbus.connections.impl.DBusConnectionBuilder");
                assertThat(builderType.getClassLoader()).isNotSameAs(DBusConnection.class.getClassLoader());
                Object builder = builderType.getMethod("forAddress", String.class).invoke(null, bus.address());
                builder = builderType.getMethod("withShared", boolean.class).invoke(builder, false);
                Object connection = builderType.getMethod("build").invoke(builder);
                try {
                    assertThat((String) connection.getClass().getMethod("getUniqueName").invoke(connection))
                            .startsWith(":");
                } finally {
                    connection.getClass().getMethod("disconnect").invoke(connection);
                }
            } finally {
                framework.stop();
                framework.waitForStop(10_000);
            }
        }
    }

    /** Jars on the test class path whose file names start with one of {@code prefixes}. */
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
        assertThat(jars).hasSizeGreaterThanOrEqualTo(prefixes.length);
        return jars;
    }

    /** The jar (or bnd-processed classes directory) a class came from, as a bundle location. */
    private static String location(Class<?> type) {
        return "reference:" + type.getProtectionDomain().getCodeSource().getLocation();
    }
}
