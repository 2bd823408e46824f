package io.wardgate.update;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.manage.TestGateway;
import io.wardgate.manage.client.AdminClient;
import io.wardgate.update.api.InstallResult;
import io.wardgate.update.api.IntegrityReport;
import io.wardgate.update.api.UpdateInstaller;
import io.wardgate.update.testbundle.FailingActivator;
import io.wardgate.update.testbundle.GoodActivator;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.launch.Framework;

/**
 * update.install and update.status end to end: IT's client uploads a signed package over mosquitto
 * (the management channel of manage's test gateway), the operation hands the verified upload to the
 * real update service, which installs into a real Felix. Runs in order on one framework.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpdateOperationsEndToEndTest {
    @TempDir
    static Path dir;
    static Path release;
    static Framework framework;
    static TestGateway gateway;
    static AdminClient client;
    static final List<AuditEvent> audit = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        release = Fixtures.releaseKey(dir, "wardgate-release");
        framework = new FrameworkFactory().newFramework(Map.of(Constants.FRAMEWORK_STORAGE,
                dir.resolve("framework").toString(), Constants.FRAMEWORK_STORAGE_CLEAN,
                Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        try (InputStream in = Files.newInputStream(Fixtures.bundle(dir, "test.a", "1.0.0", GoodActivator.class))) {
            framework.getBundleContext().installBundle("jar/test.a.jar", in).start();
        }
        Path state = Files.createDirectories(dir.resolve("state"));
        Files.copy(Fixtures.pem(release), state.resolve("release-keys.pem"));
        Files.createDirectories(dir.resolve("conf"));
        FrameworkFiles files = new FrameworkFiles(dir.resolve("framework"));
        Installer installer = new Installer(framework.getBundleContext(), files, bundle -> Optional.empty(),
                new Installer.Settings(Duration.ofSeconds(30), Duration.ZERO, "io.wardgate.update"));
        UpdateService service = new UpdateService(framework.getBundleContext(), files, installer, audit::add,
                new UpdateService.Settings(state, state.resolve("release-keys.pem"), dir.resolve("conf"),
                        "io.wardgate.appliance", new PackageVerifier.Limits(8 << 20, 4 << 20, 10)), Clock.systemUTC());
        IntegrityReport atStart = service.checkIntegrity();

        gateway = TestGateway.start(dir.resolve("gateway"), "wg-update-0001");
        UpdateOperations operations = new UpdateOperations(
                new UpdateInstaller() {
                    @Override
                    public InstallResult install(Path signedPackage, String actor, Consumer<String> progress) {
                        return service.install(signedPackage, actor, progress);
                    }

                    @Override
                    public String installedVersion() {
                        return service.installedVersion();
                    }

                    @Override
                    public IntegrityReport integrity() {
                        return atStart;
                    }

                    @Override
                    public void restart(String actor, long delayMillis) {
                        throw new IllegalStateException("no restart in this test");
                    }
                });
        gateway.contribute(List.of(UpdateOperations.INSTALL, UpdateOperations.STATUS), operations);
        gateway.contributeStatus("update", operations);
        client = gateway.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        framework.stop();
        framework.waitForStop(10_000);
    }

    static AdminClient.Reply install(Path signedPackage) throws Exception {
        AdminClient.Upload upload = client.upload(gateway.gatewayId(), signedPackage);
        return client.send(gateway.gatewayId(), UpdateOperations.INSTALL, Map.of("upload", upload.asArgument()));
    }

    static Bundle bundle(String symbolicName) {
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError(symbolicName + " not installed");
    }

    @Test
    @Order(1)
    void aSignedPackageUploadedByItIsInstalledAndReported() throws Exception {
        AdminClient.Reply reply = install(Fixtures.signedPackage(dir, release, "1.1.0",
                List.of(Fixtures.bundle(dir, "test.a", "1.1.0", GoodActivator.class))));

        assertThat(reply.status()).as(reply.payload().toString()).isEqualTo("ok");
        assertThat(reply.payload().get("version")).isEqualTo("1.1.0");
        assertThat(bundle("test.a").getVersion()).isEqualTo(new Version(1, 1, 0));
        assertThat(bundle("test.a").getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(gateway.progress).anyMatch(line -> line.contains("signature verified"));
        assertThat(audit).anyMatch(e -> e.action().equals("UPDATE_INSTALLED") && e.actor().startsWith("it:"));

        AdminClient.Reply status = client.send(gateway.gatewayId(), UpdateOperations.STATUS, Map.of());
        assertThat(status.payload().get("installedVersion")).isEqualTo("1.1.0");
        assertThat(status.payload().get("integrity")).isEqualTo("ok");
        AdminClient.Reply inventory = client.send(gateway.gatewayId(), "status", Map.of());
        assertThat(inventory.payload().get("update").toString()).contains("installedVersion=1.1.0");
    }

    @Test
    @Order(2)
    void anOlderPackageIsAnErrorReplyAndChangesNothing() throws Exception {
        AdminClient.Reply reply = install(Fixtures.signedPackage(dir, release, "1.0.5",
                List.of(Fixtures.bundle(dir, "test.a", "1.0.5", GoodActivator.class))));

        assertThat(reply.status()).isEqualTo("error");
        assertThat(reply.payload().get("reason").toString()).startsWith("update refused:").contains("1.0.5");
        assertThat(bundle("test.a").getVersion()).isEqualTo(new Version(1, 1, 0));
        assertThat(audit).anyMatch(e -> e.action().equals("UPDATE_REFUSED"));
    }

    @Test
    @Order(3)
    void aPackageWhoseBundleFailsToStartIsRolledBackAndSaysSo() throws Exception {
        AdminClient.Reply reply = install(Fixtures.signedPackage(dir, release, "2.0.0",
                List.of(Fixtures.bundle(dir, "test.a", "2.0.0", FailingActivator.class))));

        assertThat(reply.status()).isEqualTo("error");
        assertThat(reply.payload().get("reason").toString()).startsWith("update rolled back:");
        assertThat(bundle("test.a").getVersion()).isEqualTo(new Version(1, 1, 0));
        assertThat(bundle("test.a").getState()).isEqualTo(Bundle.ACTIVE);
        AdminClient.Reply status = client.send(gateway.gatewayId(), UpdateOperations.STATUS, Map.of());
        assertThat(status.payload().get("installedVersion")).isEqualTo("1.1.0");
    }
}
