package io.wardgate.tools;

import io.wardgate.check.Installation;
import io.wardgate.check.Report;
import io.wardgate.check.SelfCheck;
import io.wardgate.config.check.ConfigFilesProbe;
import io.wardgate.time.check.ClockProbe;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code wardgate check [--json] [--pid PID] [--data DIR] [--conf DIR] [--logs DIR] [--sbom FILE]
 * [--allow tcp/8443,...]}: the security self-check of an installation (io.wardgate.check).
 * Exit 0 when nothing failed, 3 when a check failed.
 */
final class CheckCommand implements Command {
    static final int CHECK_FAILED = 3;

    @Override
    public String summary() {
        return "check this installation against docs/security.md (pass/fail, or --json)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Installation defaults = Installation.debian();
        Path data = defaults.data();
        Path conf = defaults.conf();
        Path logs = defaults.logs();
        Path sbom = defaults.sbom();
        OptionalLong pid = OptionalLong.empty();
        List<String> allowed = defaults.allowedListeners();
        boolean json = false;
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--json" -> json = true;
                    case "--data" -> data = Path.of(args.get(++i));
                    case "--conf" -> conf = Path.of(args.get(++i));
                    case "--logs" -> logs = Path.of(args.get(++i));
                    case "--sbom" -> sbom = Path.of(args.get(++i));
                    case "--pid" -> pid = OptionalLong.of(Long.parseLong(args.get(++i)));
                    case "--allow" -> allowed = new ArrayList<>(Arrays.asList(args.get(++i).split(",")));
                    case "-h", "--help" -> {
                        out.println("usage: wardgate check [--json] [--pid PID] [--data DIR] [--conf DIR] [--logs DIR]"
                                + " [--sbom FILE] [--allow tcp/8443,...]");
                        out.println("Checks the installation (defaults: the Debian package's paths); run as root to see"
                                + " every file, the firewall and the service's sockets (--pid $(systemctl show -p MainPID --value wardgate)).");
                        out.println("Exit 0: nothing failed; 3: a check failed.");
                        return OK;
                    }
                    default -> {
                        err.println("wardgate check: unknown option " + Printable.of(arg));
                        return USAGE;
                    }
                }
            }
            Installation installation = new Installation(data, conf, logs, sbom, pid, allowed,
                    defaults.firewallCommand(), defaults.proc(), defaults.expiryWarningDays(), defaults.clock());
            Report report = SelfCheck.withBuiltIns(List.of(new AuditChainProbe(), ClockProbe.system(), new ConfigFilesProbe())).run(installation);
            out.print(json ? report.toJson() + System.lineSeparator() : report.toText());
            out.flush();
            return report.passed() ? OK : CHECK_FAILED;
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            err.println("wardgate check: " + (e instanceof IndexOutOfBoundsException ? "an option is missing its value"
                    : Printable.of(String.valueOf(e.getMessage()))));
            return USAGE;
        }
    }
}
