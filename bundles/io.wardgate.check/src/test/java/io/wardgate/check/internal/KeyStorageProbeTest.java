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

    @BeforeEach
    void layout() throws Exception {
        Files.createDirectories(root.resolve("data/identity"));
        Files.createDirectories(root.resolve("conf"));
        installation = new Installation(root.resolve("data"), root.resolve("conf"), root.resolve("logs"),
                root.resolve("sbom.json"), OptionalLong.empty(), List.of(), List.of(), Path.of("/proc"), 30,
                Clock.systemUTC());
        tpm = root.resolve("dev-tpmrm0"); // stands in for /dev/tpmrm0 where a test creates it
    }

    private CheckResult run() {
        return new KeyStorageProbe(tpm).run(installation);
    }

    private Path identityConfig(String text) throws Exception {
        return Files.writeString(root.resolve("conf/io.wardgate.seal.Identity.config"), text);
    }

    @Test
    void aFileKeyWithoutATpmPassesAndSaysWhatTheSdCardGives() {
        CheckResult result = run();
        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.detail()).contains("identity.p12", "whoever copies the data directory",
                "configuration secrets: clear text");
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
