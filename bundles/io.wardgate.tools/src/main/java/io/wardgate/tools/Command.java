package io.wardgate.tools;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of {@code wardgate}. Commands hold no state between runs. */
interface Command {
    int OK = 0;
    /** The command itself failed (a bug, or output could not be written). */
    int FAILED = 1;
    /** Bad usage, unknown name, unreadable input. */
    int USAGE = 2;

    /** One line for the list of commands. */
    String summary();

    /** Runs with the arguments after the command's name; returns the exit code. */
    int run(List<String> args, PrintStream out, PrintStream err);
}
