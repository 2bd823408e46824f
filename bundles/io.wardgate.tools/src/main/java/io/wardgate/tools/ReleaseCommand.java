package io.wardgate.tools;

import io.wardgate.update.release.ReleasePackage;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code wardgate release sign --key KEY.p12 --version V [--name N] --out X.dp BUNDLE.jar...}:
 * builds a deployment package of the bundles and signs it with the release key (io.wardgate.update).
 * The key's password comes from WARDGATE_RELEASE_KEY_PASSWORD or is asked for on the console.
 */
final class ReleaseCommand implements Command {
    static final String PASSWORD_ENV = "WARDGATE_RELEASE_KEY_PASSWORD";
    private final java.util.function.UnaryOperator<String> environment;

    ReleaseCommand(java.util.function.UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public String summary() {
        return "build and sign an update package with the release key (release sign --help)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || !args.get(0).equals("sign") || args.contains("-h") || args.contains("--help")) {
            out.println("usage: wardgate release sign --key KEY.p12 --version 1.2.3 [--name io.wardgate.appliance]"
                    + " --out UPDATE.dp BUNDLE.jar...");
            out.println("The key's password is read from " + PASSWORD_ENV + ", else asked for on the console.");
            return args.isEmpty() || !args.get(0).equals("sign") ? USAGE : OK;
        }
        Path key = null;
        Path output = null;
        String version = null;
        String name = ReleasePackage.APPLIANCE;
        List<Path> bundles = new ArrayList<>();
        try {
            for (int i = 1; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--key" -> key = Path.of(args.get(++i));
                    case "--out" -> output = Path.of(args.get(++i));
                    case "--version" -> version = args.get(++i);
                    case "--name" -> name = args.get(++i);
                    default -> {
                        if (args.get(i).startsWith("-")) {
                            err.println("wardgate release: unknown option " + Printable.of(args.get(i)));
                            return USAGE;
                        }
                        bundles.add(Path.of(args.get(i)));
                    }
                }
            }
        } catch (IndexOutOfBoundsException e) {
            err.println("wardgate release: an option is missing its value");
            return USAGE;
        }
        if (key == null || output == null || version == null || bundles.isEmpty()) {
            err.println("wardgate release sign: --key, --version, --out and at least one bundle are required");
            return USAGE;
        }
        char[] password = password();
        if (password == null) {
            err.println("wardgate release sign: set " + PASSWORD_ENV + " or run on a terminal");
            return USAGE;
        }
        try {
            ReleasePackage.build(name, version, bundles, ReleasePackage.loadKey(key, password), output);
            out.println("signed " + name + " " + version + " (" + bundles.size() + " bundles) -> " + output);
            return OK;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            err.println("wardgate release sign: " + Printable.of(String.valueOf(e.getMessage())));
            return USAGE;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] password() {
        String fromEnv = environment.apply(PASSWORD_ENV);
        if (fromEnv != null) {
            return fromEnv.toCharArray();
        }
        Console console = System.console();
        return console == null ? null : console.readPassword("release key password: ");
    }
}
