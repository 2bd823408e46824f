package io.wardgate.check.internal;

import io.wardgate.check.CheckResult;
import io.wardgate.check.Installation;
import io.wardgate.check.Probe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * S12: where the gateway's private keys live (the signing key, which is also its TLS client key for the
 * broker and the audit collector), and what protects the configuration's secrets. Fails when the keys are
 * in a file on a board that has a TPM (the kernel's resource manager device is present), when a token's
 * PIN file is open to others or its module is missing, and when a file key is left behind beside a token.
 */
final class KeyStorageProbe implements Probe {
    /** The kernel's TPM resource manager, and the raw device (present when the manager is not). */
    static final List<Path> TPM_DEVICES = List.of(Path.of("/dev/tpmrm0"), Path.of("/dev/tpm0"));
    private static final String PID = "io.wardgate.seal.Identity";
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private final List<Path> tpmDevices;

    KeyStorageProbe() {
        this(TPM_DEVICES);
    }

    /** {@code tpmDevices}: where to look for a TPM, the resource manager first (tests point elsewhere). */
    KeyStorageProbe(List<Path> tpmDevices) {
        this.tpmDevices = List.copyOf(tpmDevices);
    }

    @Override
    public String id() {
        return "key-storage";
    }

    @Override
    public CheckResult run(Installation installation) {
        String kind = setting(installation, "keyStorage").orElse("file").toLowerCase(Locale.ROOT);
        String secrets = SecretsAtRest.describe(installation);
        Optional<Path> tpmDevice = tpmDevices.stream().filter(Files::exists).findFirst();
        boolean tpm = tpmDevice.isPresent();
        if (kind.equals("file") || kind.isEmpty()) {
            String where = "gateway keys (signing and TLS client): PKCS#12 file " + installation.keys().resolve("identity.p12")
                    + " with its password in identity.pass beside it; whoever copies the data directory has them";
            return tpm ? CheckResult.fail(id(), "S12", "this board has a TPM (" + tpmDevice.get() + ") but the " + where
                    + "; set keyStorage=tpm (docs/install.md); " + secrets)
                    : CheckResult.pass(id(), "S12", where + "; " + secrets);
        }
        if (!kind.equals("pkcs11") && !kind.equals("tpm")) {
            return CheckResult.fail(id(), "S12", "keyStorage is '" + kind + "': expected file, pkcs11 or tpm");
        }
        List<String> problems = new ArrayList<>();
        String module = setting(installation, "pkcs11Module").filter(m -> !m.isBlank())
                .orElse(kind.equals("tpm") ? "/usr/lib/<arch>/pkcs11/libtpm2_pkcs11.so (default)" : "");
        if (!module.contains("(default)") && !Files.isReadable(Path.of(module))) {
            problems.add("the PKCS#11 module '" + module + "' is not installed");
        }
        Optional<String> pinFile = setting(installation, "pkcs11PinFile").filter(p -> !p.isBlank());
        if (pinFile.isEmpty()) {
            problems.add("no PIN file is configured (pkcs11PinFile)");
        } else {
            pinProblem(Path.of(pinFile.get())).ifPresent(problems::add);
        }
        if (Files.exists(installation.keys().resolve("identity.p12"), LinkOption.NOFOLLOW_LINKS)) {
            problems.add("a file key is left in " + installation.keys() + "/identity.p12: erase it and identity.pass");
        }
        if (kind.equals("tpm") && !tpm) {
            problems.add("no TPM resource manager device " + tpmDevices.get(0) + " (see the board profiles in docs/install.md)");
        }
        String where = "gateway keys (signing and TLS client): in the " + (kind.equals("tpm") ? "TPM 2.0" : "PKCS#11 token")
                + " via " + module + ", not extractable; PIN in " + pinFile.orElse("(none)");
        return problems.isEmpty() ? CheckResult.pass(id(), "S12", where + "; " + secrets)
                : CheckResult.fail(id(), "S12", where + "; " + String.join("; ", Files2.firstFew(problems)));
    }

    private static Optional<String> pinProblem(Path file) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            return mode.stream().anyMatch(OTHERS::contains)
                    ? Optional.of("the PIN file " + file + " is open to group or others (chmod 0400)") : Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("the PIN file " + file + " cannot be read");
        }
    }

    private static Optional<String> setting(Installation installation, String key) {
        return ConfigFiles.read(installation.conf()).stream()
                .filter(e -> e.file().getFileName().toString().startsWith(PID) && e.key().equals(key))
                .map(ConfigFiles.Entry::value).findFirst();
    }
}
