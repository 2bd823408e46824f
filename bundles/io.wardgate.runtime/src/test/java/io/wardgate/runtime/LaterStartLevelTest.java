package io.wardgate.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/** A real Felix framework launched at the data path's level 10, with one bundle waiting at level 20. */
class LaterStartLevelTest {
    /** Generous for a loaded 2-core machine; the tests wait for conditions, never for time. */
    static final Duration SETTLE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Framework framework;
    private Bundle later;
    private LaterStartLevel raiser;

    @BeforeEach
    void launchAtTheDataPathLevel() throws Exception {
        framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, dir.resolve("framework").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                Constants.FRAMEWORK_BEGINNING_STARTLEVEL, "10"));
        framework.start();
        Path jar = dir.resolve("later.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        manifest.getMainAttributes().putValue(Constants.BUNDLE_SYMBOLICNAME, "io.wardgate.test.later");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // a bundle with nothing but its manifest
        }
        later = framework.getBundleContext().installBundle(jar.toUri().toString());
        later.adapt(BundleStartLevel.class).setStartLevel(20);
        later.start(); // marked for start: starts when the framework reaches level 20
        assertThat(level()).isEqualTo(10);
        assertThat(later.getState()).isNotEqualTo(Bundle.ACTIVE);
    }

    @AfterEach
    void stop() throws Exception {
        if (raiser != null) {
            raiser.close();
        }
        framework.stop();
        framework.waitForStop(30_000);
    }

    private int level() {
        return framework.adapt(FrameworkStartLevel.class).getStartLevel();
    }

    @Test
    void withoutAnUplinkTheRestStartsAtOnce() {
        raiser = new LaterStartLevel(framework.getBundleContext(), 20, false, () -> false, Duration.ofHours(1));
        await().atMost(SETTLE).until(() -> later.getState() == Bundle.ACTIVE);
        assertThat(level()).isEqualTo(20);
    }

    @Test
    void theRestWaitsForTheUplinksFirstConnection() {
        AtomicBoolean connected = new AtomicBoolean();
        raiser = new LaterStartLevel(framework.getBundleContext(), 20, true, connected::get, Duration.ofHours(1));
        await().atMost(SETTLE).until(() -> raiser.looks() >= 5);
        assertThat(raiser.raised()).isFalse();
        assertThat(level()).isEqualTo(10);
        assertThat(later.getState()).isNotEqualTo(Bundle.ACTIVE);

        connected.set(true);
        await().atMost(SETTLE).until(() -> later.getState() == Bundle.ACTIVE);
        assertThat(level()).isEqualTo(20);
    }

    @Test
    void theRestStartsAfterTheBoundWhenTheUplinkNeverConnects() {
        raiser = new LaterStartLevel(framework.getBundleContext(), 20, true, () -> {
            throw new IllegalStateException("uplink going away");
        }, Duration.ofMillis(200));
        await().atMost(SETTLE).until(() -> later.getState() == Bundle.ACTIVE);
        assertThat(level()).isEqualTo(20);
    }

    @Test
    void bundlesInstalledLaterAtTheInitialLevelStartToo() {
        framework.adapt(FrameworkStartLevel.class).setInitialBundleStartLevel(21);
        raiser = new LaterStartLevel(framework.getBundleContext(), 20, false, () -> false, Duration.ofHours(1));
        await().atMost(SETTLE).until(() -> level() == 21);
    }

    @Test
    void onlyAPositiveLaunchPropertyRaisesAnything() {
        assertThat(LaterStartLevel.finalLevel(null)).isEqualTo(-1);
        assertThat(LaterStartLevel.finalLevel("twenty")).isEqualTo(-1);
        assertThat(LaterStartLevel.finalLevel("0")).isEqualTo(-1);
        assertThat(LaterStartLevel.finalLevel(" 20 ")).isEqualTo(20);
    }
}
