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
        if (args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            usage(out);
            return Command.OK;
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            err.println("wardgate: unknown command '" + Json.printable(args[0]) + "'");
            usage(err);
            return Command.USAGE;
        }
        return command.run(Arrays.asList(args).subList(1, args.length), out, err);
    }

    private static void usage(PrintStream stream) {
        stream.println("usage: wardgate <command> [arguments]   (wardgate <command> --help for more)");
        stream.println("commands:");
        COMMANDS.forEach((name, command) -> stream.printf("  %-14s %s%n", name, command.summary()));
    }
}
