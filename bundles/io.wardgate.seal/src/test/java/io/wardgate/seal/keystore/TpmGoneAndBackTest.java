package io.wardgate.seal.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.testkit.FreePort;
import io.wardgate.testkit.RequiredTools;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TPM that goes away under a running gateway and comes back. The gateway gets a clear error naming the
 * TPM (the sealer then keeps its batches: TokenOutageTest); tpm2-pkcs11 does not reconnect within a
 * process, so the gateway is restarted, and the key is still there, the same key. Each gateway is its own
 * process ({@link TpmChild}) with its own swtpm, so this JVM's TPM module is never touched.
 */
class TpmGoneAndBackTest {
    @TempDir
    Path temp;

    @Test
    void theTpmGoesAwayWithAClearErrorAndTheSameKeyIsThereAfterARestart() throws Exception {
        RequiredTools.require("the TPM token tests", "swtpm", "pkcs11-tool");
        SwtpmProcess tpm = new SwtpmProcess(Tokens.emptied(temp.resolve("tpm-state")), FreePort.pick());
        Path store = Tokens.emptied(temp.resolve("tpm2-store"));
        Path pin = Tokens.pinFile(temp.resolve("secrets"), Tokens.PIN);
        tpm.start();
        try {
            Swtpm.makeToken(tpm.tcti(), store);
            Process first = child(tpm, store, pin);
            BufferedReader out = reader(first);
            String signed = line(out);
            assertThat(signed).startsWith("SIGNED ");

            tpm.stop();
            OutputStream in = first.getOutputStream();
            in.write('\n');
            in.flush();
            assertThat(line(out)).startsWith("UNAVAILABLE the token did not sign (TPM 2.0 via " + Swtpm.MODULE);
            in.close();
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();

            tpm.start();
            Process second = child(tpm, store, pin);
            assertThat(line(reader(second))).as("the same key, kept by the TPM").isEqualTo(signed);
            second.getOutputStream().close();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            tpm.stop();
        }
    }

    private Process child(SwtpmProcess tpm, Path store, Path pin) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), TpmChild.class.getName(), temp.resolve("identity").toString(),
                pin.toString()).redirectError(temp.resolve("child.err").toFile());
        builder.environment().put("TPM2_PKCS11_TCTI", tpm.tcti());
        builder.environment().put("TPM2_PKCS11_STORE", store.toString());
        return builder.start();
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The child's next line, or a failure after a minute (a hung TPM module must not hang the build). */
    private static String line(BufferedReader out) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(60, TimeUnit.SECONDS);
    }
}
