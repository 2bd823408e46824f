package io.wardgate.check.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.check.CheckResult;
import io.wardgate.check.CheckResult.Status;
import io.wardgate.check.Installation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the keys live, read from the identity's configuration file as FileInstall gives it. */
class KeyStorageProbeTest {
    @TempDir
    Path root;
    private Installation installation;
    private Path tpm;
    private Path rawTpm;

    @BeforeEach
    void layout() throws Exception {
        Files.createDirectories(root.resolve("data/identity"));
        Files.createDirectories(root.resolve("conf"));
        installation = new Installation(root.resolve("data"), root.resolve("conf"), root.resolve("logs"),
                root.resolve("sbom.json"), OptionalLong.empty(), List.of(), List.of(), Path.of("/proc"), 30,
                Clock.systemUTC());
        tpm = root.resolve("dev-tpmrm0"); // stands in for /dev/tpmrm0 where a test creates it
        rawTpm = root.resolve("dev-tpm0"); // and for /dev/tpm0
    }

    private CheckResult run() {
        return new KeyStorageProbe(List.of(tpm, rawTpm)).run(installation);
    }

    private Path identityConfig(String text) throws Exception {
        return Files.writeString(root.resolve("conf/io.wardgate.seal.Identity.config"), text);
    }

    @Test
    void aFileKeyWithoutATpmPassesAndSaysWhatTheSdCardGives() {
        CheckResult result = run();
        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.detail()).contains("identity.p12", "whoever copies the data directory",
                "configuration secrets: no secrets key yet");
    }

    @Test
    void aFileKeyOnABoardWithOnlyTheRawTpmDeviceFailsToo() throws Exception {
        Files.createFile(rawTpm);
        CheckResult result = run();
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.detail()).contains("has a TPM (" + rawTpm + ")");
    }

    @Test
    void theSecretsKeySaysPlainlyWhetherTheSdCardOpensTheSecrets() throws Exception {
        Path key = root.resolve("data/identity/secrets.key");
        Files.writeString(key, "wardgate-secrets-key v1 file 0a1b2c3d S2V5Ynl0ZXM= Y2hlY2s=\n");
        Files.writeString(root.resolve("conf/io.wardgate.web.WebConsole.config"),
                "keystorePassword=\"enc:v1:0a1b2c3d:abc\"\nsyslogPassword=\"clear-one\"\n");
        CheckResult file = run();
        assertThat(file.detail()).contains("sealed (AES-256-GCM) under key 0a1b2c3d kept in the file",
                "whoever copies the data directory opens them", "1 password setting(s)", "still in clear")
                .doesNotContain("S2V5Ynl0ZXM", "clear-one");
        Files.writeString(key, "wardgate-secrets-key v1 wrapped 0a1b2c3d V3JhcA== Y2hlY2s=\n");
        assertThat(run().detail()).contains("wrapped by the token's key", "the SD card alone does not open them");
    }

    @Test
    void aWebUiKeystorePasswordFileInClearIsNamedButNotItsValue() throws Exception {
        Path file = Files.createDirectories(root.resolve("data/web/tls")).resolve("ui-keystore.pass");
        Files.writeString(file, "k3ystore-clear-value\n");
        assertThat(run().detail()).contains("the web UI keystore password " + file + " is in clear")
                .doesNotContain("k3ystore-clear-value");
        Files.writeString(file, "enc:v1:0a1b2c3d:abc\n");
        assertThat(run().detail()).doesNotContain("web UI keystore password");
    }

    @Test
    void aFileKeyOnABoardWithATpmFails() throws Exception {
        Files.createFile(tpm);
        identityConfig("keyStorage=\"file\"\n");
        CheckResult result = run();
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.detail()).contains("has a TPM (" + tpm + ")", "keyStorage=tpm");
    }

    @Test
    void aTpmKeyWithAPrivatePinFilePasses() throws Exception {
        Files.createFile(tpm);
        Path module = Files.createFile(root.resolve("libtpm2_pkcs11.so"));
        Path pin = Files.writeString(root.resolve("pin"), "1234");
        Files.setPosixFilePermissions(pin, PosixFilePermissions.fromString("r--------"));
        identityConfig("keyStorage=\"tpm\"\npkcs11Module=\"" + module + "\"\npkcs11PinFile=\"" + pin + "\"\n");
        CheckResult result = run();
        assertThat(result.status()).as(result.detail()).isEqualTo(Status.PASS);
        assertThat(result.detail()).contains("in the TPM 2.0 via " + module, "not extractable");
    }

    @Test
    void aReadablePinFileALeftoverFileKeyAndAMissingTpmFail() throws Exception {
        Path pin = Files.writeString(root.resolve("pin"), "1234");
        Files.setPosixFilePermissions(pin, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createFile(root.resolve("data/identity/identity.p12"));
        identityConfig("keyStorage=\"tpm\"\npkcs11PinFile=\"" + pin + "\"\n");
        CheckResult result = run();
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.detail()).contains("open to group or others", "a file key is left",
                "no TPM resource manager device");
    }
}
