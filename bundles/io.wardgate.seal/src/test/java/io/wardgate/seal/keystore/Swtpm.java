package io.wardgate.seal.keystore;

import io.wardgate.testkit.RequiredTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A software TPM 2.0 (swtpm) with a tpm2-pkcs11 token on it, for the tests. The pom sets
 * TPM2_PKCS11_TCTI (swtpm on a loopback port) and TPM2_PKCS11_STORE (target/tpm2-store), which the module
 * reads once per process: one TPM and one token serve the JVM. The token is made with OpenSC's pkcs11-tool
 * (C_InitToken, C_InitPIN), so tpm2_ptool is not needed. The TPM can be stopped and started again on the
 * same state (a TPM that goes away and comes back).
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

    /** Kills the TPM (as if the add-on board went away). */
    public static void stop() {
        Holder.INSTANCE.stopTpm();
    }

    /** Starts it again on the same state. */
    public static void start() {
        Holder.INSTANCE.startTpm();
    }

    private static final class Holder {
        static final Holder INSTANCE = new Holder();
        private final Path state;
        private final int port;
        private Process process;

        private Holder() {
            RequiredTools.require("the TPM token tests", "swtpm", "pkcs11-tool", "tpm2_dictionarylockout");
            if (!Files.isReadable(MODULE)) {
                RequiredTools.unavailable("the tpm2-pkcs11 module " + MODULE + " is missing (libtpm2-pkcs11-1)");
            }
            Matcher port = PORT.matcher(Tokens.environment("TPM2_PKCS11_TCTI"));
            if (!port.find()) {
                throw new IllegalStateException("TPM2_PKCS11_TCTI names no port");
            }
            this.port = Integer.parseInt(port.group(1));
            Path store = Tokens.emptied(Path.of(Tokens.environment("TPM2_PKCS11_STORE")));
            this.state = Tokens.emptied(store.resolveSibling("swtpm-state"));
            startTpm();
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopTpm));
            // A refused PIN counts against the TPM's dictionary-attack lockout: the tests refuse some on purpose.
            run("tpm2_dictionarylockout", "--setup-parameters", "--max-tries=1000", "--recovery-time=0",
                    "--lockout-recovery-time=0", "--tcti", "swtpm:host=127.0.0.1,port=" + this.port);
            String module = MODULE.toString();
            run("pkcs11-tool", "--module", module, "--init-token", "--label", "wardgate-tpm", "--so-pin", Tokens.SO_PIN);
            run("pkcs11-tool", "--module", module, "--token-label", "wardgate-tpm", "--login", "--login-type", "so",
                    "--so-pin", Tokens.SO_PIN, "--init-pin", "--pin", Tokens.PIN);
        }

        static void started() {
            INSTANCE.getClass();
        }

        synchronized void startTpm() {
            try {
                process = new ProcessBuilder("swtpm", "socket", "--tpm2", "--server", "type=tcp,port=" + port
                        + ",bindaddr=127.0.0.1", "--ctrl", "type=tcp,port=" + (port + 1) + ",bindaddr=127.0.0.1",
                        "--tpmstate", "dir=" + state, "--flags", "not-need-init,startup-clear")
                        .redirectErrorStream(true).redirectOutput(state.resolveSibling("swtpm.log").toFile()).start();
                for (int i = 0; i < 100 && !listening(); i++) {
                    TimeUnit.MILLISECONDS.sleep(50);
                }
                if (!listening()) {
                    throw new IllegalStateException("swtpm did not listen on port " + port + " (is it taken?)");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        synchronized void stopTpm() {
            if (process != null) {
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                process = null;
            }
        }

        private boolean listening() {
            if (process == null || !process.isAlive()) {
                return false;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port + 1), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static void run(String... command) {
            try {
                RequiredTools.run(command);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
