package io.wardgate.tools;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code wardgate <command> [arguments]}: the support and field-diagnostics tools. Each command is
 * one entry of the table below; add yours there.
 */
public final class Main {
    private static final Map<String, Command> COMMANDS = Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(
            "admin", new AdminCommand(),
            "check", new CheckCommand(),
            "decode", new DecodeCommand(),
            "release", new ReleaseCommand(System::getenv))));

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line and returns its exit code, without exiting: the tests call this. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            usage(err);
            return Command.USAGE;
        }
        if (args[0].equals("--version") || args[0].equals("version")) {
            out.println("wardgate " + version() + " (Java " + Runtime.version() + ")");
            return Command.OK;
        }
        if (args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            usage(out);
            return Command.OK;
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            err.println("wardgate: unknown command '" + Printable.of(args[0]) + "'");
            usage(err);
            return Command.USAGE;
        }
        return command.run(Arrays.asList(args).subList(1, args.length), out, err);
    }

    /** The version bnd wrote into this jar's manifest (Bundle-Version), or "unknown" outside a built jar. */
    static String version() {
        try {
            java.nio.file.Path source = java.nio.file.Path.of(Main.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            java.util.jar.Manifest manifest;
            if (java.nio.file.Files.isDirectory(source)) {
                java.nio.file.Path file = source.resolve("META-INF/MANIFEST.MF");
                if (!java.nio.file.Files.isRegularFile(file)) {
                    return "unknown";
                }
                try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
                    manifest = new java.util.jar.Manifest(in);
                }
            } else {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(source.toFile())) {
                    manifest = jar.getManifest();
                }
            }
            String v = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-Version");
            return v == null || v.isBlank() ? "unknown" : v;
        } catch (java.io.IOException | java.net.URISyntaxException | SecurityException e) {
            return "unknown";
        }
    }

    private static void usage(PrintStream stream) {
        stream.println("usage: wardgate <command> [arguments]   (wardgate <command> --help for more; wardgate --version)");
        stream.println("commands:");
        COMMANDS.forEach((name, command) -> stream.printf("  %-14s %s%n", name, command.summary()));
    }
}
