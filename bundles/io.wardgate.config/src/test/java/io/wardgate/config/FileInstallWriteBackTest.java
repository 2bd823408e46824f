package io.wardgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.check.CheckResult;
import io.wardgate.check.Installation;
import io.wardgate.config.check.ConfigFilesProbe;
import io.wardgate.config.files.ConfigDirectory;
import io.wardgate.config.files.ConfigText;
import io.wardgate.testkit.RecordingAuditTrail;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;

/**
 * The configuration directory with a real Felix, ConfigurationAdmin, SCR and FileInstall whose own
 * write-back is off (felix.fileinstall.enableConfigSave=false, as in the appliance): this bundle
 * writes changes back atomically, FileInstall's re-reading causes no update storm, changes survive a
 * restart, and a file a crash left empty or cut short is restored from its last good copy at start.
 */
class FileInstallWriteBackTest {
    private static final String A = "io.wardgate.test.Uplink";
    private static final String B = "io.wardgate.test.Sentinel";

    @TempDir
    Path dir;

    @Test
    void aChangeThroughConfigAdminLandsInTheFileOnceAndSurvivesARestart() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path file = conf.resolve(A + ".config");
        Files.writeString(file, "site=\"st-marys\"\nbrokerUrls=[\"ssl://a:8883\"]\nport=I\"8883\"\n");
        Files.writeString(conf.resolve(B + ".cfg"), "round=0\n");
        RecordingAuditTrail audit = new RecordingAuditTrail();
        try (FileInstallFelix felix = FileInstallFelix.start(dir, conf, audit)) {
            Configuration a = await().atMost(Duration.ofSeconds(30)).until(() -> find(felix, A), c -> c != null);
            List<ConfigurationEvent> eventsOfA = new CopyOnWriteArrayList<>();
            felix.context().registerService(ConfigurationListener.class, e -> {
                if (A.equals(e.getPid())) {
                    eventsOfA.add(e);
                }
            }, null);

            Dictionary<String, Object> changed = a.getProperties();
            changed.put("site", "st-marys-icu");
            changed.put("brokerUrls", new String[] {"ssl://a:8883", "ssl://b:8883"});
            changed.put("port", 8884);
            a.update(changed);

            await().atMost(Duration.ofSeconds(30)).until(() -> typed(file).get("site"), "st-marys-icu"::equals);
            assertThat(typed(file)).containsEntry("port", 8884);
            assertThat((String[]) typed(file).get("brokerUrls")).containsExactly("ssl://a:8883", "ssl://b:8883");
            assertThat(Files.readAllBytes(ConfigDirectory.lastGood(file))).isEqualTo(Files.readAllBytes(file));

            // FileInstall re-reads the written file; once it has read a later change of another file
            // (one scan handles both), no more updates of A may follow: no storm.
            settle(felix, conf, 1);
            int settled = eventsOfA.size();
            assertThat(settled).as("our update, at most one re-read by FileInstall").isBetween(1, 2);
            settle(felix, conf, 2);
            assertThat(eventsOfA).hasSize(settled);
        }
        // Restart on the same framework storage: FileInstall compares the file with ConfigAdmin at
        // start; the file holds the change, so the change stays.
        try (FileInstallFelix felix = FileInstallFelix.start(dir, conf, audit)) {
            settle(felix, conf, 4);
            Configuration a = find(felix, A);
            assertThat(a.getProperties().get("site")).isEqualTo("st-marys-icu");
            assertThat(a.getProperties().get("port")).isEqualTo(8884);
        }
        assertThat(audit.withAction("CONFIG_FILE_RESTORED")).isEmpty();
    }

    /**
     * The control, and why this bundle must run: with FileInstall's write-back off and nothing else
     * writing, a change made through ConfigAdmin is undone at the next start (FileInstall compares each
     * file with ConfigAdmin at start, and the file wins).
     */
    @Test
    void withoutTheWriteBackFileInstallUndoesAChangeAtRestart() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve(A + ".config"), "site=\"st-marys\"\n");
        Files.writeString(conf.resolve(B + ".cfg"), "round=0\n");
        try (FileInstallFelix felix = FileInstallFelix.start(dir, conf, new RecordingAuditTrail(), false)) {
            Configuration a = await().atMost(Duration.ofSeconds(30)).until(() -> find(felix, A), c -> c != null);
            Dictionary<String, Object> changed = a.getProperties();
            changed.put("site", "st-marys-icu");
            a.update(changed);
            settle(felix, conf, 1);
            assertThat(find(felix, A).getProperties().get("site")).isEqualTo("st-marys-icu");
        }
        assertThat(Files.readString(conf.resolve(A + ".config"))).isEqualTo("site=\"st-marys\"\n");
        try (FileInstallFelix felix = FileInstallFelix.start(dir, conf, new RecordingAuditTrail(), false)) {
            settle(felix, conf, 2);
            assertThat(find(felix, A).getProperties().get("site")).as("the change is lost").isEqualTo("st-marys");
        }
    }

    @Test
    void anEmptyOrCutShortFileAtStartIsRestoredFromItsLastGoodCopyAndAudited() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path uplink = conf.resolve(A + ".config");
        Path sealer = conf.resolve("io.wardgate.test.Sealer.config");
        Path orphan = conf.resolve("io.wardgate.test.Orphan.config");
        Files.writeString(uplink, "site=\"st-marys\"\nbrokerUrls=[\"ssl://a:8883\"]\n");
        Files.writeString(sealer, "maxBatch=I\"64\"\nkeyAlias=\"gateway-2026\"\n");
        Files.writeString(conf.resolve(B + ".cfg"), "round=0\n");
        RecordingAuditTrail audit = new RecordingAuditTrail();
        try (FileInstallFelix felix = FileInstallFelix.start(dir, conf, audit)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> find(felix, "io.wardgate.test.Sealer") != null);
        }
        byte[] goodSealer = Files.readAllBytes(sealer);
        // What kill -9 during FileInstall's in-place write left: an empty file, one cut in a value,
        // and a file that never had a good copy.
        Files.write(uplink, new byte[0]);
        Files.write(sealer, java.util.Arrays.copyOf(goodSealer, goodSealer.length - 9));
        Files.write(orphan, new byte[0]);

        try (FileInstallFelix felix = FileInstallFelix.start(dir, conf, audit)) {
            settle(felix, conf, 1);
            assertThat(Files.readAllBytes(sealer)).isEqualTo(goodSealer);
            assertThat(find(felix, A).getProperties().get("site")).isEqualTo("st-marys");
            assertThat(find(felix, "io.wardgate.test.Sealer").getProperties().get("keyAlias")).isEqualTo("gateway-2026");
            await().atMost(Duration.ofSeconds(30)).until(() -> audit.withAction("CONFIG_FILE_DAMAGED").size() == 1);
            List<AuditEvent> restored = audit.withAction("CONFIG_FILE_RESTORED");
            assertThat(restored).extracting(AuditEvent::target)
                    .containsExactlyInAnyOrder(A + ".config", "io.wardgate.test.Sealer.config");
            assertThat(restored).extracting(AuditEvent::detail).anyMatch(d -> d.startsWith("was empty"))
                    .anyMatch(d -> d.startsWith("was cut short"));
            assertThat(audit.withAction("CONFIG_FILE_DAMAGED").get(0).target()).isEqualTo("io.wardgate.test.Orphan.config");
        }
        CheckResult check = new ConfigFilesProbe().run(installation(conf));
        assertThat(check.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(check.detail()).contains("io.wardgate.test.Orphan.config is empty").doesNotContain("Sealer");
    }

    @Test
    void aWatcherReadingTheFileDuringManyWritesSeesOnlyCompleteVersions() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path file = conf.resolve(A + ".config");
        // Large enough (tens of kB) that a write in place would be seen half done.
        String padding = "x".repeat(40_000);
        Files.writeString(file, "round=I\"0\"\npadding=\"" + padding + "\"\n");
        Files.writeString(conf.resolve(B + ".cfg"), "round=0\n");
        try (FileInstallFelix felix = FileInstallFelix.start(dir, conf, new RecordingAuditTrail())) {
            Configuration a = await().atMost(Duration.ofSeconds(30)).until(() -> find(felix, A), c -> c != null);
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger reads = new AtomicInteger();
            List<String> partial = new CopyOnWriteArrayList<>();
            Thread watcher = new Thread(() -> {
                while (writing.get()) {
                    try {
                        Map<String, Object> seen = typed(file);
                        if (!padding.equals(seen.get("padding")) || !(seen.get("round") instanceof Integer)) {
                            partial.add("incomplete: keys " + seen.keySet());
                        }
                        reads.incrementAndGet();
                    } catch (java.io.IOException | RuntimeException e) {
                        partial.add(e.toString());
                    }
                }
            });
            watcher.start();
            for (int round = 1; round <= 60; round++) {
                Dictionary<String, Object> p = a.getProperties();
                p.put("round", round);
                a.update(p);
                // Written before update() returned (synchronous listener).
                assertThat(typed(file).get("round")).isEqualTo(round);
                // Let FileInstall re-read the file before the next change of the same PID: a change
                // landing between its read and its compare would be undone by its stale read
                // (FileInstall's own race; docs/operations.md says so).
                settle(felix, conf, round);
            }
            writing.set(false);
            watcher.join();
            assertThat(reads.get()).isGreaterThan(60);
            assertThat(partial).isEmpty();
        }
    }

    /**
     * Two sentinel changes in turn: once ConfigAdmin has the second, FileInstall has finished the scan
     * that saw the first and so everything changed before it (one scan may handle the sentinel before
     * another file; the next scan starts only after it).
     */
    private static void settle(FileInstallFelix felix, Path conf, int round) throws Exception {
        sentinel(felix, conf, 2 * round + 1000);
        sentinel(felix, conf, 2 * round + 1001);
    }

    /** Changes the sentinel .cfg and waits until ConfigAdmin has it. */
    private static void sentinel(FileInstallFelix felix, Path conf, int round) throws Exception {
        Files.writeString(conf.resolve(B + ".cfg"), "round=" + round + "\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Configuration b = find(felix, B);
            return b != null && String.valueOf(round).equals(b.getProperties().get("round"));
        });
    }

    static Configuration find(FileInstallFelix felix, String pid) throws Exception {
        Configuration[] found = felix.admin().listConfigurations("(service.pid=" + pid + ")");
        return found == null ? null : found[0];
    }

    static Map<String, Object> typed(Path file) throws java.io.IOException {
        return ConfigText.parse(Files.readString(file, StandardCharsets.ISO_8859_1), ConfigText.Format.TYPED);
    }

    static Installation installation(Path conf) {
        return new Installation(conf.resolveSibling("data"), conf, conf.resolveSibling("logs"), conf.resolveSibling("sbom"),
                OptionalLong.empty(), new ArrayList<>(), List.of(), Path.of("/proc"), 30, Clock.systemUTC());
    }

    static Hashtable<String, Object> table(Map<String, Object> map) {
        return new Hashtable<>(map);
    }
}
