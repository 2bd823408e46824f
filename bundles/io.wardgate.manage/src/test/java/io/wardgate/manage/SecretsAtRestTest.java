package io.wardgate.manage;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.config.ChangeResult;
import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.secrets.SecretBox;
import io.wardgate.seal.secrets.AesGcmSecretBox;
import io.wardgate.seal.secrets.SecretsKey;
import io.wardgate.testkit.RecordingAuditTrail;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.MetaTypeService;

/**
 * Secrets at rest (issue 21, item 2) in a real Felix with SCR, ConfigurationAdmin (persisting to the
 * framework's storage) and Metatype: a password put through the one configuration path is stored sealed,
 * a clear one found at start is sealed in place and audited, a password is refused rather than stored in
 * clear when the secrets service is missing; then every file under the data and configuration directories
 * is scanned for every clear secret used.
 */
class SecretsAtRestTest {
    static final String A = "io.wardgate.test.FixtureA";
    static final String B = "io.wardgate.test.FixtureB";
    static final String PUT_SECRET = "put-through-config-4b9e";
    static final String LEGACY_SECRET = "legacy-clear-secret-2d71";
    static final String REFUSED_SECRET = "refused-without-box-8a03";
    static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path dir;
    static EmbeddedFelix felix;
    static ConfigTargets targets;
    static ConfigApplier applier;
    static Path conf;
    static SecretBox box;

    @BeforeAll
    static void start() throws Exception {
        felix = EmbeddedFelix.start(dir.resolve("data/framework"));
        conf = Files.createDirectories(dir.resolve("conf"));
        targets = new ConfigTargets(felix.context(), felix.service(MetaTypeService.class),
                felix.service(ConfigurationAdmin.class));
        applier = new ConfigApplier(targets, felix.service(ServiceComponentRuntime.class), Duration.ofSeconds(10));
        box = new AesGcmSecretBox(SecretsKey.open(dir.resolve("data/identity"), Optional.empty(), RANDOM), "test",
                RANDOM);
    }

    @AfterAll
    static void stop() throws Exception {
        felix.close();
    }

    ConfigChanges changes(Optional<SecretBox> secrets) {
        return new ConfigChanges(felix.context(), targets, applier, new ConfigFiles(conf), Optional::empty,
                () -> secrets, 16);
    }

    Object stored(String pid, String key) throws Exception {
        Configuration[] found = felix.service(ConfigurationAdmin.class).listConfigurations("(service.pid=" + pid + ")");
        return found == null ? null : found[0].getProperties().get(key);
    }

    /**
     * The migration at start runs beside the framework's start, not on its start-level thread: reading every
     * bundle's metatype there delayed the uplink's connection (docs/operations.md, "What starts when").
     */
    @Test
    void theMigrationAtStartRunsOnAThreadOfItsOwn() throws Exception {
        Hashtable<String, Object> clear = new Hashtable<>();
        clear.put("host", "c.hospital");
        clear.put("secret", "clear-at-start-61c5");
        felix.service(ConfigurationAdmin.class).getConfiguration(A, "?").update(clear);
        List<String> recordedOn = new java.util.concurrent.CopyOnWriteArrayList<>();
        RecordingAuditTrail recording = new RecordingAuditTrail();
        io.wardgate.api.pipeline.AuditTrail audit = event -> {
            recordedOn.add(Thread.currentThread().getName());
            recording.record(event);
        };

        new SecretsMigrationComponent(felix.context(), felix.service(ConfigurationAdmin.class),
                felix.service(MetaTypeService.class), box, audit);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> !recording.withAction("SECRET_SEALED").isEmpty());
        assertThat(recordedOn).containsOnly("wardgate-secrets-migration")
                .doesNotContain(Thread.currentThread().getName());
        assertThat(box.open(A, "secret", (String) stored(A, "secret"))).isEqualTo("clear-at-start-61c5");
    }

    @Test
    void secretsAreStoredSealedMigratedAndNeverLeftInClearOnDisk() throws Exception {
        // 1. Through the one configuration path: sealed before ConfigurationAdmin and the file see it.
        ChangeResult put = changes(Optional.of(box)).apply("user:alice",
                Map.of(B, Map.of("host", "b.hospital", "secret", PUT_SECRET)), "test");
        assertThat(put.status()).as(put.toString()).isEqualTo(ChangeResult.Status.APPLIED);
        String sealed = (String) stored(B, "secret");
        assertThat(sealed).startsWith(SecretBox.PREFIX);
        assertThat(box.open(B, "secret", sealed)).isEqualTo(PUT_SECRET);
        assertThat(Files.readString(conf.resolve(B + ".config"))).contains("secret=\"enc:v1:").doesNotContain(PUT_SECRET);

        // 2. Without the secrets service a new password is refused, not stored in clear.
        ChangeResult refused = changes(Optional.empty()).apply("user:alice",
                Map.of(B, Map.of("secret", REFUSED_SECRET)), "test");
        assertThat(refused.status()).isEqualTo(ChangeResult.Status.REFUSED);
        assertThat(refused.problems().get(B).get("secret")).contains("stored only sealed");
        assertThat(refused.toString()).doesNotContain(REFUSED_SECRET);
        assertThat(stored(B, "secret")).isEqualTo(sealed);

        // 3. A value sent already sealed must open for this setting: one copied from another is refused.
        ChangeResult copied = changes(Optional.of(box)).apply("user:alice",
                Map.of(B, Map.of("secret", box.seal(A, "secret", "other"))), "test");
        assertThat(copied.status()).isEqualTo(ChangeResult.Status.REFUSED);
        assertThat(copied.problems().get(B).get("secret")).contains("does not open");

        // 4. A clear value written before secrets were sealed: sealed in place at start, and audited.
        Hashtable<String, Object> legacy = new Hashtable<>();
        legacy.put("host", "a.hospital");
        legacy.put("secret", LEGACY_SECRET);
        // As FileInstall gives it: from a file in the configuration directory, which holds it in clear too.
        Path legacyFile = Files.writeString(conf.resolve(A + ".config"),
                "host=\"a.hospital\"\nsecret=\"" + LEGACY_SECRET + "\"\n");
        legacy.put(ConfigFiles.FILENAME, legacyFile.toUri().toString());
        felix.service(ConfigurationAdmin.class).getConfiguration(A, "?").update(legacy);
        RecordingAuditTrail audit = new RecordingAuditTrail();
        assertThat(SecretsMigrationComponent.migrate(targets, new ConfigFiles(conf), box, audit, Clock.systemUTC()))
                .isEqualTo(1);
        String migrated = (String) stored(A, "secret");
        assertThat(Files.readString(legacyFile)).contains("secret=\"enc:v1:", "host=\"a.hospital\"");
        assertThat(box.open(A, "secret", migrated)).isEqualTo(LEGACY_SECRET);
        assertThat(audit.withAction("SECRET_SEALED")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains(A, "secret").doesNotContain(LEGACY_SECRET));
        assertThat(SecretsMigrationComponent.migrate(targets, new ConfigFiles(conf), box, audit, Clock.systemUTC()))
                .as("nothing left to seal").isZero();
        assertThat(audit.events()).extracting(AuditEvent::detail).noneMatch(d -> d.contains(LEGACY_SECRET));

        // 5. Not one clear secret in any file of the data or configuration directory.
        assertThat(clearSecretsUnder(dir, PUT_SECRET, LEGACY_SECRET, REFUSED_SECRET)).isEmpty();
    }

    @Test
    void aComponentReceivesItsSealedPasswordsOpenedWhileTheStoreKeepsThemSealed() throws Exception {
        String pid = "io.wardgate.test.Receiver";
        String secret = "delivered-in-memory-5c2e";
        java.util.concurrent.BlockingQueue<java.util.Dictionary<String, ?>> received =
                new java.util.concurrent.LinkedBlockingQueue<>();
        Hashtable<String, Object> target = new Hashtable<>();
        target.put(org.osgi.framework.Constants.SERVICE_PID, pid);
        var plugin = felix.context().registerService(org.osgi.service.cm.ConfigurationPlugin.class,
                new SealedSettingsPlugin(box), null);
        var receiver = felix.context().registerService(org.osgi.service.cm.ManagedService.class, properties -> {
            if (properties != null) {
                received.add(properties);
            }
        }, target);
        try {
            Hashtable<String, Object> stored = new Hashtable<>();
            stored.put("secret", box.seal(pid, "secret", secret));
            stored.put("copied", box.seal("io.wardgate.test.Other", "copied", "not-for-this-setting"));
            stored.put("host", "plain.hospital");
            felix.service(ConfigurationAdmin.class).getConfiguration(pid, "?").update(stored);
            java.util.Dictionary<String, ?> got;
            do {
                got = received.poll(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(got).as("the configuration was delivered").isNotNull();
            } while (!"plain.hospital".equals(got.get("host")));
            assertThat(got.get("secret")).isEqualTo(secret);
            assertThat(String.valueOf(got.get("copied"))).as("bound to another setting: passed on sealed")
                    .startsWith(SecretBox.PREFIX);
            assertThat(String.valueOf(stored(pid, "secret"))).startsWith(SecretBox.PREFIX);
            assertThat(clearSecretsUnder(dir, secret)).isEmpty();
        } finally {
            receiver.unregister();
            plugin.unregister();
        }
    }

    static List<String> clearSecretsUnder(Path root, String... secrets) throws Exception {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    if (text.contains(secret)) {
                        found.add(root.relativize(file) + " holds " + secret);
                    }
                }
            }
        }
        return found;
    }
}
