package io.wardgate.manage;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.config.ChangeResult;
import io.wardgate.api.config.ComponentProblem;
import io.wardgate.api.config.ConfigurationCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.MetaTypeService;

/**
 * The configuration service the web console uses (the same code as config.put), in a real Felix
 * with SCR, ConfigurationAdmin and Metatype: a component that does not start is rolled back with
 * its reason in plain words; a component's own check refuses before anything changes; what is
 * applied lands in the configuration directory as a file FileInstall reads.
 */
class ConfigChangesTest {
    static final String B = "io.wardgate.test.FixtureB";

    @TempDir
    static Path dir;
    static EmbeddedFelix felix;
    static ConfigChanges changes;
    static ConfigApplier applier;
    static Path conf;

    @BeforeAll
    static void start() throws Exception {
        felix = EmbeddedFelix.start(dir.resolve("felix"));
        conf = Files.createDirectories(dir.resolve("conf"));
        ConfigTargets targets = new ConfigTargets(felix.context(), felix.service(MetaTypeService.class),
                felix.service(ConfigurationAdmin.class));
        applier = new ConfigApplier(targets, felix.service(ServiceComponentRuntime.class), Duration.ofSeconds(10));
        changes = new ConfigChanges(felix.context(), targets, applier, new ConfigFiles(conf), Optional::empty, Optional::empty, 16);
    }

    @AfterAll
    static void stop() throws Exception {
        felix.close();
    }

    @Test
    void aComponentThatDoesNotStartIsRolledBackAndSaysWhyInPlainWords() throws Exception {
        ChangeResult result = changes.apply("user:alice", Map.of(B, Map.of("host", "b.hospital", "mode", "explode")), "test");
        assertThat(result.status()).isEqualTo(ChangeResult.Status.ROLLED_BACK);
        assertThat(result.failure()).contains("fixture b did not start", "fixture refuses mode explode")
                .doesNotContain("Exception", "\tat ", "java.");
        assertThat(felix.service(ConfigurationAdmin.class).listConfigurations("(service.pid=" + B + ")")).isNull();
        assertThat(conf.resolve(B + ".config")).doesNotExist();
    }

    @Test
    void whatIsAppliedIsWrittenToTheConfigurationDirectory() throws Exception {
        ChangeResult result = changes.apply("user:alice", Map.of(B, Map.of("host", "ward-7.hospital", "port", "1884")), "test");
        assertThat(result.status()).as(result.toString()).isEqualTo(ChangeResult.Status.APPLIED);
        Path file = conf.resolve(B + ".config");
        assertThat(Files.readString(file)).contains("host=\"ward-7.hospital\"", "port=I\"1884\"")
                .doesNotContain("service.pid", "felix.fileinstall.filename");
        Configuration stored = felix.service(ConfigurationAdmin.class).listConfigurations("(service.pid=" + B + ")")[0];
        assertThat(stored.getProperties().get(ConfigFiles.FILENAME)).isEqualTo(file.toUri().toString());
        // A later change rewrites the same file.
        assertThat(changes.apply("user:alice", Map.of(B, Map.of("host", "ward-8.hospital")), "test").ok()).isTrue();
        assertThat(Files.readString(file)).contains("host=\"ward-8.hospital\"", "port=I\"1884\"");
        assertThat(changes.delete("user:alice", B, "test").ok()).isTrue();
        assertThat(file).doesNotExist();
    }

    @Test
    void aComponentsOwnCheckRefusesBeforeAnythingChanges() throws Exception {
        ConfigurationCheck noSpaces = properties -> String.valueOf(properties.get("host")).contains(" ")
                ? List.of("host must not contain a space") : List.of();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(ConfigurationCheck.PID, B);
        ServiceRegistration<ConfigurationCheck> reg = felix.context().registerService(ConfigurationCheck.class, noSpaces, props);
        try {
            ChangeResult result = changes.apply("user:alice", Map.of(B, Map.of("host", "icu 3")), "test");
            assertThat(result.status()).isEqualTo(ChangeResult.Status.REFUSED);
            assertThat(result.problems().get(B)).containsEntry("*", "host must not contain a space");
            assertThat(felix.service(ConfigurationAdmin.class).listConfigurations("(service.pid=" + B + ")")).isNull();
        } finally {
            reg.unregister();
        }
    }

    @Test
    void metatypeProblemsAreNamedPerAttribute() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("host", "b");
        values.put("port", "70000");
        ChangeResult result = changes.apply("user:alice", Map.of(B, values), "test");
        assertThat(result.status()).isEqualTo(ChangeResult.Status.REFUSED);
        assertThat(result.problems().get(B)).containsKey("port");
    }

    @Test
    void aConfiguredComponentThatFailsIsListedWithItsReason() throws Exception {
        Hashtable<String, Object> bad = new Hashtable<>();
        bad.put("host", "x");
        bad.put("mode", "explode");
        Configuration c = felix.service(ConfigurationAdmin.class).getConfiguration(B, "?");
        c.update(bad);
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !applier.problems().isEmpty());
            ComponentProblem p = applier.problems().get(0);
            assertThat(p.state()).isEqualTo("failed");
            assertThat(p.pid()).isEqualTo(B);
            assertThat(p.reason()).isEqualTo("fixture refuses mode explode");
        } finally {
            c.delete();
        }
    }

    @Test
    void plainReasonsDropJavaClassNames() {
        assertThat(Plain.reason("org.osgi.service.component.ComponentException: java.lang.IllegalArgumentException: "
                + "broker URL must be ssl://host:port only: tcp://x\n\tat a.b.C(C.java:1)"))
                .isEqualTo("broker URL must be ssl://host:port only: tcp://x");
        assertThat(Plain.reason("x.Y: boom\n\tat a\nCaused by: java.lang.IllegalStateException: the real reason\n\tat b"))
                .isEqualTo("the real reason");
        assertThat(Plain.reason(null)).isEqualTo("no reason given");
    }
}
