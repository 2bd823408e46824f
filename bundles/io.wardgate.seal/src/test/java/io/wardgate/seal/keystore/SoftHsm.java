package io.wardgate.seal.keystore;

import io.wardgate.testkit.RequiredTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SoftHSM2 token for the tests, in a directory of its own: the pom points SOFTHSM2_CONF at
 * target/softhsm2/softhsm2.conf, which this writes (tokens in target/softhsm2/tokens, emptied) before the
 * module is first loaded. SoftHSM reads its configuration once per process, so one token serves the JVM;
 * tests keep apart by gateway id (the keys are named after it).
 */
final class SoftHsm {
    static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static final Pattern SLOT_LINE = Pattern.compile("reassigned to slot (\\d+)");

    private SoftHsm() {
    }

    /** The token's slot id (made on first call in this JVM). */
    static long slot() {
        RequiredTools.require("the SoftHSM2 token tests", "softhsm2-util");
        if (!Files.isReadable(MODULE)) {
            RequiredTools.unavailable("the SoftHSM2 module " + MODULE + " is missing (Debian package softhsm2)");
        }
        return Holder.SLOT;
    }

    static KeyLocation location(Path pinFile) {
        return new KeyLocation(KeyLocation.Kind.PKCS11, MODULE, slot(), 0, pinFile);
    }

    /** Class initialisation runs once per JVM: the token is made before any test loads the module. */
    private static final class Holder {
        static final long SLOT = initialise();

        private static long initialise() {
            Path conf = Path.of(Tokens.environment("SOFTHSM2_CONF"));
            Path tokens = Tokens.emptied(conf.getParent().resolve("tokens"));
            try {
                Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                        + "log.level = ERROR\nslots.removable = false\n");
                String out = RequiredTools.run("softhsm2-util", "--init-token", "--free", "--label", "wardgate-test",
                        "--so-pin", Tokens.SO_PIN, "--pin", Tokens.PIN);
                Matcher slot = SLOT_LINE.matcher(out);
                if (!slot.find()) {
                    throw new IllegalStateException("softhsm2-util did not say the slot: " + out);
                }
                return Long.parseLong(slot.group(1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
