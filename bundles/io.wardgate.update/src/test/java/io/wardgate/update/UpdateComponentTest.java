package io.wardgate.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.update.testbundle.GoodActivator;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.Version;
import org.osgi.framework.launch.Framework;

/** The component as the appliance runs it: inbox install after the framework started, and restart. */
class UpdateComponentTest {
    @TempDir
    Path dir;
    private Framework framework;
    private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();

    private Framework start(boolean launcher) throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, dir.resolve("data/framework").toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put("wardgate.data", dir.resolve("data").toString());
        properties.put("felix.fileinstall.dir", dir.resolve("conf").toString());
        if (launcher) {
            properties.put("launch.name", "wardgate.bndrun");
        }
        framework = new FrameworkFactory().newFramework(properties);
        framework.start();
        Path base = Fixtures.bundle(dir, "test.a", "1.0.0", GoodActivator.class);
        try (InputStream in = Files.newInputStream(base)) {
            framework.getBundleContext().installBundle("jar/test.a.jar", in).start();
        }
        return framework;
    }

    @AfterEach
    void stop() throws Exception {
        if (framework != null && (framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
            framework.stop();
        }
        if (framework != null) {
            framework.waitForStop(10_000);
        }
    }

    private UpdateComponent component() {
        return new UpdateComponent(defaults(), framework.getBundleContext(), audit::add);
    }

    @Test
    void aPackageInTheInboxIsInstalledOnceTheFrameworkHasStarted() throws Exception {
        Path key = Fixtures.releaseKey(dir, "wardgate-release");
        Files.createDirectories(dir.resolve("data/update/inbox"));
        Files.copy(Fixtures.pem(key), dir.resolve("data/update/release-keys.pem"));
        Path update = Fixtures.signedPackage(dir, key, "1.0.0",
                List.of(Fixtures.bundle(dir, "test.a", "1.0.1", GoodActivator.class)));
        Files.copy(update, dir.resolve("data/update/inbox/update.dp"));
        start(false);

        UpdateComponent component = component();
        try {
            assertThat(component.integrity().notes()).containsExactly("baseline recorded");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.isRegularFile(dir.resolve("data/update/inbox/processed/update.dp.installed")));
            assertThat(component.installedVersion()).isEqualTo("1.0.0");
            assertThat(framework.getBundleContext().getBundle("jar/test.a.jar").getVersion())
                    .isEqualTo(new Version(1, 0, 1));
            assertThat(audit).anyMatch(e -> e.action().equals("UPDATE_INSTALLED") && e.actor().equals("system:inbox"));
        } finally {
            component.deactivate();
        }
    }

    @Test
    void restartStopsTheFrameworkInOrderForTheLauncherToExit() throws Exception {
        start(true);
        UpdateComponent component = component();

        component.restart("it:test", 0);

        FrameworkEvent event = framework.waitForStop(30_000);
        assertThat(event.getType()).isEqualTo(FrameworkEvent.STOPPED);
        assertThat(audit).anyMatch(e -> e.action().equals("RESTART_REQUESTED") && e.actor().equals("it:test"));
        component.deactivate();
    }

    @Test
    void restartIsRefusedOutsideTheApplianceLauncher() throws Exception {
        start(false);
        UpdateComponent component = component();
        try {
            assertThatThrownBy(() -> component.restart("it:test", 0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("appliance launcher");
            assertThat(framework.getState()).isEqualTo(Bundle.ACTIVE);
        } finally {
            component.deactivate();
        }
    }

    static UpdateConfiguration defaults() {
        return new UpdateConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return UpdateConfiguration.class;
            }

            @Override
            public String trustedKeysPath() {
                return "update/release-keys.pem";
            }

            @Override
            public String stateDirectory() {
                return "update";
            }

            @Override
            public String packageName() {
                return "io.wardgate.appliance";
            }

            @Override
            public long maxPackageBytes() {
                return 8 << 20;
            }

            @Override
            public long maxBundleBytes() {
                return 4 << 20;
            }

            @Override
            public int maxBundles() {
                return 10;
            }

            @Override
            public int settleMillis() {
                return 0;
            }
        };
    }
}
