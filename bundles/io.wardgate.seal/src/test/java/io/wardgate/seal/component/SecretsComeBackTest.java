package io.wardgate.seal.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.seal.keystore.Tokens;
import io.wardgate.testkit.RequiredTools;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token absent when the gateway starts, present later: the secrets service comes up by itself, no
 * restart. A real SoftHSM2 token whose token directory is not there at start (as on media mounted late:
 * the module refuses to initialise) and is put back while the gateway runs. The gateway is a child
 * process ({@link SecretsChild}) with its own SoftHSM2 configuration.
 */
class SecretsComeBackTest {
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

    @TempDir
    Path temp;

    @Test
    void aTokenAbsentAtStartIsUsedWhenItAppearsAndBothAreAudited() throws Exception {
        RequiredTools.require("the SoftHSM2 token tests", "softhsm2-util");
        Path tokens = Files.createDirectories(temp.resolve("tokens"));
        Path conf = temp.resolve("softhsm2.conf");
        Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\nslots.removable = false\n");
        ProcessBuilder init = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", "wardgate-late",
                "--so-pin", "so-9876-wardgate-test", "--pin", Tokens.PIN).redirectErrorStream(true);
        init.environment().put("SOFTHSM2_CONF", conf.toString());
        Process made = init.start();
        String out = new String(made.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(made.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Matcher slot = SLOT.matcher(out);
        assertThat(slot.find()).as(out).isTrue();
        Path away = temp.resolve("tokens-not-mounted");
        Files.move(tokens, away);

        Path pin = Tokens.pinFile(temp.resolve("secrets"), Tokens.PIN);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), SecretsChild.class.getName(), temp.resolve("data").toString(),
                pin.toString(), slot.group(1)).redirectError(temp.resolve("child.err").toFile());
        builder.environment().put("SOFTHSM2_CONF", conf.toString());
        Process child = builder.start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            List<String> seen = new ArrayList<>();
            String line;
            do {
                line = line(lines);
                seen.add(line);
            } while (!line.equals("AUDIT SECRETS_UNAVAILABLE FAILURE"));
            assertThat(seen).as("the identity's keys are audited as unavailable too").contains(
                    "AUDIT KEY_STORAGE_UNAVAILABLE FAILURE");

            Files.move(away, tokens); // the token appears; the gateway is not restarted
            seen.clear();
            do {
                line = line(lines);
                seen.add(line);
            } while (!line.startsWith("AVAILABLE"));
            assertThat(line).as("a value sealed by the returned service opens again").isEqualTo("AVAILABLE true");
            assertThat(seen).containsSubsequence("AUDIT SECRETS_AVAILABLE SUCCESS", "AVAILABLE true");
            assertThat(seen).doesNotContain("AUDIT SECRETS_UNAVAILABLE FAILURE"); // once per outage
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
    }

    /** The child's next line; the identity retries every 30 s, so allow minutes on a loaded machine. */
    private static String line(BufferedReader out) throws Exception {
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(3, TimeUnit.MINUTES);
        assertThat(line).as("the child ended early (see child.err)").isNotNull();
        return line;
    }
}
