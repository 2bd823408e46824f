package io.wardgate.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Configuration comes from a directory of files (docs/operations.md), and changes made through
 * ConfigAdmin (by a UI or remote management) are written back to that directory, so they survive
 * a restart: by io.wardgate.config, atomically and with a last good copy (FileInstall's own
 * in-place write-back is off).
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class ConfigurationDirectoryTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @InjectBundleContext
    BundleContext context;

    @Test
    void aFileInTheDirectoryBecomesConfiguration(@InjectService ConfigurationAdmin admin) throws Exception {
        Path file = confDir().resolve("io.wardgate.itest.FromFile.config");
        Files.writeString(file, "ward=\"icu-2\"\nbeds=I\"12\"\n", StandardCharsets.UTF_8);

        await().atMost(DEADLINE).untilAsserted(() -> {
            Configuration[] found = admin.listConfigurations("(service.pid=io.wardgate.itest.FromFile)");
            assertThat(found).isNotNull().hasSize(1);
            assertThat(found[0].getProperties().get("ward")).isEqualTo("icu-2");
            assertThat(found[0].getProperties().get("beds")).isEqualTo(12);
        });
    }

    @Test
    void aChangeThroughConfigAdminIsWrittenBackToTheDirectory(@InjectService ConfigurationAdmin admin)
            throws Exception {
        Path file = confDir().resolve("io.wardgate.itest.Edited.config");
        Files.writeString(file, "site=\"old\"\n", StandardCharsets.UTF_8);
        await().atMost(DEADLINE).until(() -> admin.listConfigurations("(service.pid=io.wardgate.itest.Edited)") != null);
        // FileInstall records the file's checksum after it applied it; an edit before that is
        // overwritten by the file. Give it a few of its 200 ms polls to settle first.
        await().pollDelay(Duration.ofSeconds(1)).atMost(DEADLINE).until(() -> true);

        Configuration configuration = admin.listConfigurations("(service.pid=io.wardgate.itest.Edited)")[0];
        // An editor changes what it edits and keeps the rest, including FileInstall's file name.
        Dictionary<String, Object> properties = configuration.getProperties();
        properties.put("site", "st-marys");
        configuration.update(properties);

        await().atMost(DEADLINE).untilAsserted(
                () -> assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("site=\"st-marys\"\n"));
        // Written by io.wardgate.config, with its last good copy (restored from at start if a crash
        // ever leaves the file empty).
        assertThat(Files.readAllBytes(file.resolveSibling(".io.wardgate.itest.Edited.config.last-good")))
                .isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void wardGateWritesBackDurablyInPlaceOfFileInstallAndACfgFileStaysPlain(@InjectService ConfigurationAdmin admin)
            throws Exception {
        assertThat(context.getProperty("felix.fileinstall.enableConfigSave")).isEqualTo("false");
        Bundle writer = bundle("io.wardgate.config");
        Bundle fileInstall = bundle("org.apache.felix.fileinstall");
        assertThat(writer.getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(writer.adapt(BundleStartLevel.class).getStartLevel())
                .as("repairs the directory before FileInstall reads it")
                .isLessThan(fileInstall.adapt(BundleStartLevel.class).getStartLevel());

        Path file = confDir().resolve("io.wardgate.itest.Plain.cfg");
        Files.writeString(file, "beds=12\n", StandardCharsets.UTF_8);
        await().atMost(DEADLINE).until(() -> admin.listConfigurations("(service.pid=io.wardgate.itest.Plain)") != null);
        Configuration configuration = admin.listConfigurations("(service.pid=io.wardgate.itest.Plain)")[0];
        Dictionary<String, Object> properties = configuration.getProperties();
        properties.put("beds", 14);
        configuration.update(properties);

        // Written before update() returned (synchronous listener), as plain properties.
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).contains("beds=14\n").doesNotContain("I\"");
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }

    private Path confDir() throws IOException {
        Path dir = Path.of(context.getProperty("felix.fileinstall.dir"));
        Files.createDirectories(dir);
        return dir;
    }
}
