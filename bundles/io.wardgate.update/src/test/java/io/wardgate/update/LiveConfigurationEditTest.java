package io.wardgate.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.pipeline.AuditEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.SynchronousConfigurationListener;

/**
 * Finding 9 of the security review: a change through ConfigAdmin is re-recorded, but an edit of the
 * configuration directory behind the gateway's back (FileInstall picks it up) is flagged and
 * audited, and the record keeps the old digest. Real Felix with the appliance's ConfigAdmin and
 * FileInstall; the component registered as DS would register it.
 */
class LiveConfigurationEditTest {
    private static final String PID = "io.wardgate.test.Thing";

    @TempDir
    Path dir;
    private Framework framework;
    private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    @Test
    void aChangeThroughConfigAdminIsRecordedButALiveEditIsFlaggedAndNotRecorded() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path file = conf.resolve(PID + ".cfg");
        Files.writeString(file, "answer=42\n");
        Path otherFile = conf.resolve("io.wardgate.test.Other.cfg");
        Files.writeString(otherFile, "x=1\n");
        BundleContext context = start(conf);
        ConfigurationAdmin admin = context.getService(context.getServiceReference(ConfigurationAdmin.class));
        // The component starts after FileInstall's first read of the directory. A first read racing the very
        // first baseline can be flagged as a live edit (docs/operations.md, "Integrity check"): not this test's subject.
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.listConfigurations("(service.pid=" + PID + ")") != null
                && admin.listConfigurations("(service.pid=io.wardgate.test.Other)") != null);
        UpdateComponent component = new UpdateComponent(UpdateComponentTest.defaults(), context, audit::add);
        try {
            context.registerService(SynchronousConfigurationListener.class, component, new Hashtable<>());
            IntegrityRecord record = new IntegrityRecord(dir.resolve("data/update/" + UpdateService.INTEGRITY));

            // Through ConfigAdmin (as the web UI and remote management change settings): FileInstall
            // writes the file, and the record follows it.
            org.osgi.service.cm.Configuration configuration = admin.getConfiguration(PID, "?");
            java.util.Dictionary<String, Object> changed = configuration.getProperties();
            changed.put("answer", "43");
            configuration.update(changed);
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(file).contains("43")
                    && Digests.same(record.read().get(Snapshot.CONFIG + file.getFileName()), Digests.file(file)));
            String throughConfigAdmin = Digests.file(file);
            assertThat(audit).noneMatch(e -> e.action().equals("INTEGRITY_MISMATCH"));

            // A live edit of the directory: flagged, audited, and the record keeps the ConfigAdmin digest.
            Files.writeString(file, "answer=44\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> audit.stream().anyMatch(
                    e -> e.action().equals("INTEGRITY_MISMATCH") && e.detail().contains(PID + ".cfg")));
            assertThat(record.read().get(Snapshot.CONFIG + file.getFileName())).isEqualTo(throughConfigAdmin);
            // A later change through ConfigAdmin (another PID) does not re-baseline the edited file.
            org.osgi.service.cm.Configuration otherConfiguration = admin.getConfiguration("io.wardgate.test.Other", "?");
            java.util.Dictionary<String, Object> other = otherConfiguration.getProperties();
            other.put("x", "2");
            otherConfiguration.update(other);
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(otherFile).contains("2")
                    && Digests.same(record.read().get(Snapshot.CONFIG + otherFile.getFileName()), Digests.file(otherFile)));
            assertThat(record.read().get(Snapshot.CONFIG + file.getFileName())).isEqualTo(throughConfigAdmin);
        } finally {
            component.deactivate();
        }
    }

    private BundleContext start(Path conf) throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, dir.resolve("data/framework").toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.osgi.service.cm;version=1.6.1");
        properties.put("wardgate.data", dir.resolve("data").toString());
        properties.put("felix.fileinstall.dir", conf.toString());
        properties.put("felix.fileinstall.poll", "100");
        properties.put("felix.fileinstall.enableConfigSave", "true");
        properties.put("felix.fileinstall.log.level", "1");
        framework = new FrameworkFactory().newFramework(properties);
        framework.start();
        BundleContext context = framework.getBundleContext();
        for (String marker : List.of("org.apache.felix.cm.impl.ConfigurationManager",
                "org.apache.felix.fileinstall.internal.FileInstall")) {
            Class<?> type = Class.forName(marker, false, getClass().getClassLoader());
            context.installBundle(type.getProtectionDomain().getCodeSource().getLocation().toURI().toString());
        }
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() != 0) {
                bundle.start();
            }
        }
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() != Bundle.ACTIVE) {
                throw new IllegalStateException(bundle.getSymbolicName() + " is not active (" + bundle.getState() + ")");
            }
        }
        return context;
    }
}
