package io.wardgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.check.CheckResult;
import io.wardgate.config.check.ConfigFilesProbe;
import io.wardgate.config.files.ConfigDirectory;
import io.wardgate.config.files.Repair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing, last good copies and the repair at start, on real files. */
class ConfigDirectoryTest {
    @TempDir
    Path conf;

    @Test
    void aWriteKeepsALastGoodCopyAndTheFilesModeAndSkipsWhatTheFileAlreadyHolds() throws Exception {
        ConfigDirectory directory = new ConfigDirectory(conf);
        Path file = conf.resolve("io.wardgate.seal.Sealer.config");
        Files.writeString(file, "maxBatch=I\"64\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThat(directory.write(file, Map.of("maxBatch", 128))).isTrue();
        assertThat(Files.readString(file)).contains("maxBatch=I\"128\"");
        assertThat(Files.readAllBytes(ConfigDirectory.lastGood(file))).isEqualTo(Files.readAllBytes(file));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        assertThat(directory.write(file, Map.of("maxBatch", 128, "service.pid", "x"))).as("already holds it").isFalse();
        assertThatThrownBy(() -> directory.write(conf.resolveSibling("elsewhere.config"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);

        directory.delete(file);
        assertThat(file).doesNotExist();
        assertThat(ConfigDirectory.lastGood(file)).doesNotExist();
    }

    @Test
    void theRepairRestoresEmptyZeroFilledAndCutShortFilesAndAcceptsHandEdits() throws Exception {
        ConfigDirectory directory = new ConfigDirectory(conf);
        Path empty = write(directory, "io.wardgate.uplink.Uplink.config", Map.of("site", "st-marys"));
        Path zeros = write(directory, "io.wardgate.seal.Sealer.config", Map.of("maxBatch", 64));
        Path cut = write(directory, "io.wardgate.outbox.Outbox.cfg", Map.of("maxAgeHours", 336, "path", "/var/lib/wardgate"));
        Path edited = write(directory, "io.wardgate.policy.Allowlist.config", Map.of("mode", "strict"));
        byte[] goodEmpty = Files.readAllBytes(empty);
        byte[] goodZeros = Files.readAllBytes(zeros);
        byte[] goodCut = Files.readAllBytes(cut);

        Files.write(empty, new byte[0]);
        Files.write(zeros, new byte[goodZeros.length]); // ext4 after a power cut: the size, no data
        Files.write(cut, Arrays.copyOf(goodCut, goodCut.length - 5));
        Files.writeString(edited, "mode=\"open\"\n"); // an operator's edit while stopped: the truth
        Files.writeString(conf.resolve(".io.wardgate.uplink.Uplink.config.123.tmp"), "half");

        List<Repair> repairs = directory.repair();

        assertThat(repairs).extracting(r -> r.file().getFileName().toString())
                .containsExactlyInAnyOrder(empty.getFileName().toString(), zeros.getFileName().toString(),
                        cut.getFileName().toString());
        assertThat(repairs).allMatch(Repair::restored);
        assertThat(Files.readAllBytes(empty)).isEqualTo(goodEmpty);
        assertThat(Files.readAllBytes(zeros)).isEqualTo(goodZeros);
        assertThat(Files.readAllBytes(cut)).isEqualTo(goodCut);
        assertThat(Files.readString(edited)).isEqualTo("mode=\"open\"\n");
        assertThat(Files.readString(ConfigDirectory.lastGood(edited))).isEqualTo("mode=\"open\"\n");
        assertThat(conf.resolve(".io.wardgate.uplink.Uplink.config.123.tmp")).doesNotExist();
        assertThat(directory.repair()).isEmpty();
    }

    /**
     * At start only the restoring precedes FileInstall; the last good copies of sound files (a first start's
     * files have none yet) are written beside the framework's start (StartGuard, on a thread of its own).
     */
    @Test
    void theRepairBeforeFileInstallRestoresAndLeavesTheCopiesOfSoundFilesToFollow() throws Exception {
        ConfigDirectory directory = new ConfigDirectory(conf);
        Path damaged = write(directory, "io.wardgate.seal.Sealer.config", Map.of("maxBatch", 64));
        byte[] good = Files.readAllBytes(damaged);
        Files.write(damaged, new byte[0]);
        Path installed = Files.writeString(conf.resolve("io.wardgate.uplink.Uplink.config"), "site=\"st-marys\"\n");

        assertThat(directory.repairDamaged()).singleElement().satisfies(r -> {
            assertThat(r.file()).isEqualTo(damaged);
            assertThat(r.restored()).isTrue();
        });
        assertThat(Files.readAllBytes(damaged)).isEqualTo(good);
        assertThat(ConfigDirectory.lastGood(installed)).as("not yet: it follows").doesNotExist();

        directory.keepLastGoodCopies();
        assertThat(Files.readString(ConfigDirectory.lastGood(installed))).isEqualTo("site=\"st-marys\"\n");
        assertThat(Files.readAllBytes(ConfigDirectory.lastGood(damaged))).isEqualTo(good);
        assertThat(directory.repair()).isEmpty();
    }

    @Test
    void aDamagedFileWithoutAGoodCopyIsReportedAndFailsTheCheck() throws Exception {
        ConfigDirectory directory = new ConfigDirectory(conf);
        Files.writeString(conf.resolve("io.wardgate.uplink.Uplink.config"), "");
        Files.writeString(conf.resolve("io.wardgate.seal.Sealer.config"), "maxBatch=I\"6"); // cut, never copied
        Files.writeString(conf.resolve("io.wardgate.audit.AuditTrail.cfg"), "retentionDays=90"); // no newline, sound

        assertThat(new ConfigFilesProbe().run(FileInstallWriteBackTest.installation(conf)).status())
                .isEqualTo(CheckResult.Status.FAIL);
        List<Repair> repairs = directory.repair();
        assertThat(repairs).extracting(r -> r.file().getFileName().toString() + " " + r.restored() + " " + r.detail())
                .containsExactlyInAnyOrder("io.wardgate.uplink.Uplink.config false empty",
                        "io.wardgate.seal.Sealer.config false cut short (line 1 (maxBatch): cut short)");
        assertThat(Files.readString(conf.resolve("io.wardgate.seal.Sealer.config"))).as("left as found").isEqualTo("maxBatch=I\"6");
        CheckResult check = new ConfigFilesProbe().run(FileInstallWriteBackTest.installation(conf));
        assertThat(check.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(check.detail()).contains("io.wardgate.uplink.Uplink.config is empty", "io.wardgate.seal.Sealer.config is cut short")
                .doesNotContain("AuditTrail");
        assertThat(ConfigDirectory.lastGood(conf.resolve("io.wardgate.uplink.Uplink.config"))).as("never a blank copy").doesNotExist();

        // Fixed by hand: the check passes and the fixed file gets its copy at the next start.
        Files.writeString(conf.resolve("io.wardgate.uplink.Uplink.config"), "site=\"st-marys\"\n");
        Files.writeString(conf.resolve("io.wardgate.seal.Sealer.config"), "maxBatch=I\"64\"\n");
        assertThat(new ConfigFilesProbe().run(FileInstallWriteBackTest.installation(conf)).status())
                .isEqualTo(CheckResult.Status.PASS);
        assertThat(directory.repair()).isEmpty();
        assertThat(ConfigDirectory.lastGood(conf.resolve("io.wardgate.uplink.Uplink.config"))).exists();
    }

    private Path write(ConfigDirectory directory, String name, Map<String, Object> properties) throws Exception {
        Path file = conf.resolve(name);
        directory.write(file, properties);
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).isNotBlank();
        return file;
    }
}
