package io.wardgate.update;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.update.api.InstallResult;
import io.wardgate.update.api.IntegrityReport;
import io.wardgate.update.testbundle.FailingActivator;
import io.wardgate.update.testbundle.GoodActivator;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.Version;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Installs, refusals, rollback and the integrity check in a real Apache Felix framework (the one the
 * appliance runs), with real bundle jars in real framework storage.
 */
class UpdateServiceTest {
    @TempDir
    static Path keys;
    static Path release;
    static Path other;

    @TempDir
    Path dir;
    private Framework framework;
    private BundleContext context;
    private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    private UpdateService service;

    @BeforeAll
    static void keys() throws Exception {
        release = Fixtures.releaseKey(keys, "wardgate-release");
        other = Fixtures.releaseKey(keys, "someone-else");
    }

    @BeforeEach
    void start() throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, dir.resolve("framework").toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        framework = new FrameworkFactory().newFramework(properties);
        framework.start();
        context = framework.getBundleContext();
        for (Path base : List.of(Fixtures.bundle(dir, "test.a", "1.0.0", GoodActivator.class),
                Fixtures.bundle(dir, "test.b", "1.0.0", GoodActivator.class))) {
            try (InputStream in = Files.newInputStream(base)) {
                context.installBundle("jar/" + base.getFileName(), in).start();
            }
        }
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/io.wardgate.test.cfg"), "answer=42\n");
        Files.createDirectories(dir.resolve("state"));
        Files.copy(Fixtures.pem(release), dir.resolve("state/release-keys.pem"));
        FrameworkFiles files = new FrameworkFiles(dir.resolve("framework"));
        Installer installer = new Installer(context, files, bundle -> Optional.empty(),
                new Installer.Settings(Duration.ofSeconds(30), Duration.ZERO, "io.wardgate.update"));
        AuditTrail trail = audit::add;
        service = new UpdateService(context, files, installer, trail, new UpdateService.Settings(dir.resolve("state"),
                dir.resolve("state/release-keys.pem"), dir.resolve("conf"), "io.wardgate.appliance",
                new PackageVerifier.Limits(8 << 20, 4 << 20, 10)), Clock.systemUTC());
        assertThat(service.checkIntegrity().notes()).containsExactly("baseline recorded");
    }

    @AfterEach
    void stop() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    private Path version110() throws Exception {
        return Fixtures.signedPackage(dir, release, "1.1.0", List.of(
                Fixtures.bundle(dir, "test.a", "1.1.0", GoodActivator.class),
                Fixtures.bundle(dir, "test.c", "1.0.0", GoodActivator.class)));
    }

    @Test
    void aGoodPackageIsInstalledActiveAndRecorded() throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        InstallResult result = service.install(version110(), "it:test", progress::add);

        assertThat(result.outcome()).as(result.reason()).isEqualTo(InstallResult.Outcome.INSTALLED);
        assertThat(result.bundles()).containsExactly("test.a 1.1.0", "test.c 1.0.0");
        assertThat(bundle("test.a").getVersion()).isEqualTo(new Version(1, 1, 0));
        assertThat(bundle("test.a").getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(bundle("test.c").getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(service.installedVersion()).isEqualTo("1.1.0");
        assertThat(progress).anyMatch(p -> p.contains("signature verified (release key wardgate-release)"));
        assertThat(audit).anyMatch(e -> e.action().equals("UPDATE_INSTALLED") && e.actor().equals("it:test")
                && e.detail().contains("test.a 1.1.0"));
        assertThat(service.checkIntegrity().ok()).isTrue();
    }

    /**
     * As the appliance's launcher does: a bundle updated to a version it did not launch gets the launcher's
     * default start level (here 21, a level other than the bundle's). The installer puts the bundle's own level
     * back for the rest of the run.
     */
    @Test
    void anUpdatedBundleKeepsItsStartLevel() throws Exception {
        FrameworkStartLevel frameworkLevel = framework.adapt(FrameworkStartLevel.class);
        CountDownLatch raised = new CountDownLatch(1);
        frameworkLevel.setStartLevel(21, event -> raised.countDown());
        assertThat(raised.await(30, TimeUnit.SECONDS)).isTrue();
        bundle("test.a").adapt(BundleStartLevel.class).setStartLevel(10);
        SynchronousBundleListener launcher = event -> {
            if (event.getType() == BundleEvent.UPDATED || event.getType() == BundleEvent.INSTALLED) {
                event.getBundle().adapt(BundleStartLevel.class).setStartLevel(21);
            }
        };
        context.addBundleListener(launcher);

        InstallResult result = service.install(version110(), "it:test", p -> { });

        assertThat(result.outcome()).as(result.reason()).isEqualTo(InstallResult.Outcome.INSTALLED);
        assertThat(bundle("test.a").getVersion()).isEqualTo(new Version(1, 1, 0));
        assertThat(bundle("test.a").adapt(BundleStartLevel.class).getStartLevel()).isEqualTo(10);
        assertThat(bundle("test.c").adapt(BundleStartLevel.class).getStartLevel()).isEqualTo(21); // new: the launcher's
        assertThat(bundle("test.a").getState()).isEqualTo(Bundle.ACTIVE);
    }

    @Test
    void anOlderOrEqualVersionIsRefusedAndNothingChanges() throws Exception {
        assertThat(service.install(version110(), "it:test", p -> { }).outcome())
                .isEqualTo(InstallResult.Outcome.INSTALLED);

        Path again = Fixtures.signedPackage(dir, release, "1.1.0",
                List.of(Fixtures.bundle(dir, "test.b", "1.5.0", GoodActivator.class)));
        Path older = Fixtures.signedPackage(dir, release, "1.0.9",
                List.of(Fixtures.bundle(dir, "test.b", "1.6.0", GoodActivator.class)));
        InstallResult equal = service.install(again, "it:test", p -> { });
        InstallResult lower = service.install(older, "it:test", p -> { });

        assertThat(equal.outcome()).isEqualTo(InstallResult.Outcome.REFUSED);
        assertThat(equal.reason()).contains("not newer than the installed 1.1.0");
        assertThat(lower.outcome()).isEqualTo(InstallResult.Outcome.REFUSED);
        assertThat(lower.reason()).contains("1.0.9 is not newer");
        assertThat(bundle("test.b").getVersion()).isEqualTo(new Version(1, 0, 0));
        assertThat(audit).filteredOn(e -> e.action().equals("UPDATE_REFUSED")).hasSize(2)
                .allMatch(e -> e.outcome() == AuditEvent.Outcome.DENIED);
    }

    @Test
    void tamperedAndWronglySignedPackagesAreRefusedAndAudited() throws Exception {
        InstallResult tampered = service.install(Fixtures.tamper(version110(), "bundles/test.a"), "it:test", p -> { });
        InstallResult foreign = service.install(Fixtures.signedPackage(dir, other, "2.0.0",
                List.of(Fixtures.bundle(dir, "test.a", "2.0.0", GoodActivator.class))), "it:test", p -> { });

        assertThat(tampered.outcome()).isEqualTo(InstallResult.Outcome.REFUSED);
        assertThat(tampered.reason()).contains("tampered");
        assertThat(foreign.outcome()).isEqualTo(InstallResult.Outcome.REFUSED);
        assertThat(foreign.reason()).contains("not signed by a trusted release key");
        assertThat(bundle("test.a").getVersion()).isEqualTo(new Version(1, 0, 0));
        assertThat(service.installedVersion()).isEqualTo("none");
        assertThat(audit).filteredOn(e -> e.action().equals("UPDATE_REFUSED")).hasSize(2);
    }

    @Test
    void aPackageWhoseBundleFailsToStartIsRolledBackToThePreviousActiveBundles() throws Exception {
        assertThat(service.install(version110(), "it:test", p -> { }).outcome())
                .isEqualTo(InstallResult.Outcome.INSTALLED);
        String recorded = Files.readString(dir.resolve("state/" + UpdateService.INTEGRITY));

        Path broken = Fixtures.signedPackage(dir, release, "2.0.0", List.of(
                Fixtures.bundle(dir, "test.b", "2.0.0", GoodActivator.class),
                Fixtures.bundle(dir, "test.a", "2.0.0", FailingActivator.class),
                Fixtures.bundle(dir, "test.d", "1.0.0", GoodActivator.class)));
        InstallResult result = service.install(broken, "it:test", p -> { });

        assertThat(result.outcome()).isEqualTo(InstallResult.Outcome.ROLLED_BACK);
        assertThat(result.reason()).contains("test.a 2.0.0 failed to start").contains("broken on purpose");
        assertThat(bundle("test.a").getVersion()).isEqualTo(new Version(1, 1, 0));
        assertThat(bundle("test.b").getVersion()).isEqualTo(new Version(1, 0, 0));
        for (String name : List.of("test.a", "test.b", "test.c")) {
            assertThat(bundle(name).getState()).as(name).isEqualTo(Bundle.ACTIVE);
        }
        assertThat(bundle("test.d")).as("the new bundle is uninstalled again").isNull();
        assertThat(service.installedVersion()).isEqualTo("1.1.0");
        assertThat(Files.readString(dir.resolve("state/" + UpdateService.INTEGRITY))).isEqualTo(recorded);
        assertThat(audit).anyMatch(e -> e.action().equals("UPDATE_ROLLED_BACK") && e.detail().contains("test.a"));
        assertThat(service.checkIntegrity().ok()).as("restored bundles match the record").isTrue();
    }

    @Test
    void aModifiedBundleJarOrConfigurationFileIsReportedByName() throws Exception {
        Path jar = new FrameworkFiles(dir.resolve("framework")).content(bundle("test.b").getBundleId()).orElseThrow();
        Files.write(jar, new byte[] {0x50, 0x4b}, StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("conf/io.wardgate.test.cfg"), "answer=43\n");

        IntegrityReport report = service.checkIntegrity();

        assertThat(report.ok()).isFalse();
        assertThat(report.mismatches()).anyMatch(m -> m.startsWith("bundle test.b 1.0.0: installed jar differs"))
                .anyMatch(m -> m.contains("configuration file io.wardgate.test.cfg changed"));
        assertThat(audit).anyMatch(e -> e.action().equals("INTEGRITY_MISMATCH") && e.detail().contains("test.b"));
        // A later change through ConfigAdmin does not accept the edited file silently.
        service.recordConfiguration();
        assertThat(service.checkIntegrity().mismatches()).anyMatch(m -> m.contains("configuration file io.wardgate.test.cfg"));
    }

    @Test
    void aHandEditedIntegrityRecordIsReportedInsteadOfTrusted() throws Exception {
        // A configuration file changed behind the gateway's back, and the record edited to match it.
        Path conf = dir.resolve("conf/io.wardgate.test.cfg");
        Files.writeString(conf, "answer=43\n");
        Path record = dir.resolve("state/" + UpdateService.INTEGRITY);
        Map<String, String> edited = new java.util.TreeMap<>(StateFile.read(record));
        edited.put(Snapshot.CONFIG + "io.wardgate.test.cfg", Digests.file(conf));
        StateFile.write(record, edited);

        IntegrityReport report = service.checkIntegrity();

        assertThat(report.ok()).isFalse();
        assertThat(report.mismatches()).anyMatch(m -> m.contains("integrity record was modified"));
        assertThat(audit).anyMatch(e -> e.action().equals("INTEGRITY_MISMATCH") && e.detail().contains("MAC"));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("state/" + IntegrityRecord.KEY_FILE)))).isEqualTo("rw-------");
        // It stays reported: nothing re-baselines it silently.
        assertThat(service.checkIntegrity().ok()).isFalse();
    }
}
