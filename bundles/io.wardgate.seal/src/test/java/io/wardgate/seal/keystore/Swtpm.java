package io.wardgate.seal.keystore;

import io.wardgate.testkit.RequiredTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A software TPM 2.0 (swtpm) with a tpm2-pkcs11 token on it, for the tests. The pom sets
 * TPM2_PKCS11_TCTI (swtpm on a loopback port) and TPM2_PKCS11_STORE (target/tpm2-store), which the module
 * reads once per process: one TPM and one token serve the JVM. The token is made with OpenSC's pkcs11-tool
 * (C_InitToken, C_InitPIN), so tpm2_ptool is not needed.
 */
public final class Swtpm {
    public static final Path MODULE = Path.of(KeyLocation.TPM2_MODULE);
    /** tpm2-pkcs11 numbers its slots from 1; the first token made is in slot 1. */
    public static final long SLOT = 1;
    private static final Pattern PORT = Pattern.compile("port=(\\d+)");

    private Swtpm() {
    }

    public static KeyLocation location(Path pinFile) {
        Holder.started();
        return new KeyLocation(KeyLocation.Kind.TPM, MODULE, SLOT, 0, pinFile);
    }

    /** A TPM with a token made on it, for a test's own process (its module state must not be shared). */
    static void makeToken(String tcti, Path store) {
        run(Map.of("TPM2_PKCS11_TCTI", tcti, "TPM2_PKCS11_STORE", store.toString()), "pkcs11-tool", "--module",
                MODULE.toString(), "--init-token", "--label", "wardgate-tpm", "--so-pin", Tokens.SO_PIN);
        run(Map.of("TPM2_PKCS11_TCTI", tcti, "TPM2_PKCS11_STORE", store.toString()), "pkcs11-tool", "--module",
                MODULE.toString(), "--token-label", "wardgate-tpm", "--login", "--login-type", "so", "--so-pin",
                Tokens.SO_PIN, "--init-pin", "--pin", Tokens.PIN);
    }

    private static final class Holder {
        static final Holder INSTANCE = new Holder();
        private final SwtpmProcess tpm;

        private Holder() {
            RequiredTools.require("the TPM token tests", "swtpm", "pkcs11-tool", "tpm2_dictionarylockout");
            if (!Files.isReadable(MODULE)) {
                RequiredTools.unavailable("the tpm2-pkcs11 module " + MODULE + " is missing (libtpm2-pkcs11-1)");
            }
            Matcher port = PORT.matcher(Tokens.environment("TPM2_PKCS11_TCTI"));
            if (!port.find()) {
                throw new IllegalStateException("TPM2_PKCS11_TCTI names no port");
            }
            Path store = Tokens.emptied(Path.of(Tokens.environment("TPM2_PKCS11_STORE")));
            tpm = new SwtpmProcess(Tokens.emptied(store.resolveSibling("swtpm-state")), Integer.parseInt(port.group(1)));
            tpm.start();
            Runtime.getRuntime().addShutdownHook(new Thread(tpm::stop));
            // A refused PIN counts against the TPM's dictionary-attack lockout: the tests refuse some on purpose.
            run(Map.of(), "tpm2_dictionarylockout", "--setup-parameters", "--max-tries=1000", "--recovery-time=0",
                    "--lockout-recovery-time=0", "--tcti", tpm.tcti());
            makeToken(tpm.tcti(), store);
        }

        static void started() {
            INSTANCE.getClass();
        }
    }

    static void run(Map<String, String> environment, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process p = builder.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
