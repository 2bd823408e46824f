package io.wardgate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
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

/**
 * A real Felix framework whose storage holds what an older wardgate.jar installed: the embedded bundles the
 * running jar no longer lists are uninstalled; the ones it lists and those a signed update installed stay.
 */
class LeftBehindBundlesTest {
    @TempDir
    Path dir;
    private Framework framework;

    @BeforeEach
    void start() throws Exception {
        framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, dir.resolve("framework").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
    }

    @AfterEach
    void stop() throws Exception {
        framework.stop();
        framework.waitForStop(30_000);
    }

    @Test
    void embeddedBundlesTheJarNoLongerListsAreUninstalledAndNothingElse() throws Exception {
        var context = framework.getBundleContext();
        Bundle kept = context.installBundle("jar/io.wardgate.kept-1.0.0.jar", Files.newInputStream(bundle("io.wardgate.kept", "1.0.0")));
        Bundle renamed = context.installBundle("jar/io.wardgate.kept2-1.0.0.jar", Files.newInputStream(bundle("io.wardgate.kept2", "1.0.0")));
        Bundle dropped = context.installBundle("jar/org.example.mediator-1.1.0.jar", Files.newInputStream(bundle("org.example.mediator", "1.1.0")));
        Bundle updated = context.installBundle("wardgate-update:io.wardgate.extra", Files.newInputStream(bundle("io.wardgate.extra", "1.0.0")));
        dropped.start();

        // The new jar carries kept, and kept2 under its new version's file name.
        var removed = LeftBehindBundles.uninstall(context, Set.of("jar/io.wardgate.kept-1.0.0.jar", "jar/io.wardgate.kept2-1.1.0.jar"));

        assertThat(removed).containsExactlyInAnyOrder("io.wardgate.kept2 1.0.0 (jar/io.wardgate.kept2-1.0.0.jar)",
                "org.example.mediator 1.1.0 (jar/org.example.mediator-1.1.0.jar)");
        assertThat(renamed.getState()).isEqualTo(Bundle.UNINSTALLED);
        assertThat(dropped.getState()).isEqualTo(Bundle.UNINSTALLED);
        assertThat(kept.getState()).isNotEqualTo(Bundle.UNINSTALLED);
        assertThat(updated.getState()).as("installed by a signed update").isNotEqualTo(Bundle.UNINSTALLED);
        assertThat(Arrays.stream(context.getBundles()).map(Bundle::getLocation)).doesNotContain(
                "jar/io.wardgate.kept2-1.0.0.jar", "jar/org.example.mediator-1.1.0.jar");
        assertThat(LeftBehindBundles.uninstall(context, Set.of("jar/io.wardgate.kept-1.0.0.jar"))).as("nothing left").isEmpty();
    }

    private Path bundle(String symbolicName, String version) throws Exception {
        Path jar = dir.resolve(symbolicName + "-" + version + ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        manifest.getMainAttributes().putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        manifest.getMainAttributes().putValue(Constants.BUNDLE_VERSION, version);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // a bundle with nothing but its manifest
        }
        return jar;
    }
}
