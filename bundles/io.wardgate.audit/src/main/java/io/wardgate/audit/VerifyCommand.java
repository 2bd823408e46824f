package io.wardgate.audit;

import io.wardgate.audit.api.Verification;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code verify-audit DIR}: checks the hash chain of an audit directory without writing to it
 * (safe on a copy, or beside a running gateway between writes). Exit status 0 intact, 1 broken,
 * 2 usage or read error. {@code wardgate check} runs the same verification ({@link #verify}).
 */
public final class VerifyCommand {
    private VerifyCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Verifies an audit directory without writing to it (for the self-check of the command line). */
    public static Verification verify(Path directory) throws IOException {
        return ChainVerifier.verify(directory);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1 || args[0].startsWith("-")) {
            err.println("usage: verify-audit DIR");
            return 2;
        }
        Path directory = Path.of(args[0]);
        if (!Files.isDirectory(directory)) {
            err.println("verify-audit: not a directory: " + directory);
            return 2;
        }
        Verification result;
        try {
            result = ChainVerifier.verify(directory);
        } catch (IOException e) {
            err.println("verify-audit: cannot read " + directory + ": " + e.getMessage());
            return 2;
        }
        for (String note : result.notes()) {
            out.println("note: " + note);
        }
        if (result.intact()) {
            out.println("INTACT: " + result.records() + " records in segments " + result.firstSegment() + ".."
                    + result.lastSegment() + ", chain from anchor " + result.firstAnchor());
            return 0;
        }
        out.println("BROKEN at " + result.brokenLink() + " (" + result.records() + " records verified before it)");
        return 1;
    }
}
