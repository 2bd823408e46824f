package io.wardgate.check.internal;

import io.wardgate.check.CheckResult;
import io.wardgate.check.Installation;
import io.wardgate.check.Probe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** S15: the segmentation firewall (table inet wardgate) is loaded, dropping by default in every direction. */
final class FirewallProbe implements Probe {
    private static final int MAX_OUTPUT = 1 << 20;

    @Override
    public String id() {
        return "firewall";
    }

    @Override
    public CheckResult run(Installation installation) {
        if (installation.firewallCommand().isEmpty()) {
            return CheckResult.skipped(id(), "S15", "no firewall command configured");
        }
        String output;
        int exit;
        try {
            Process process = new ProcessBuilder(installation.firewallCommand()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] bytes = process.getInputStream().readNBytes(MAX_OUTPUT);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return CheckResult.fail(id(), "S15", "the firewall listing did not finish in 10 s");
            }
            exit = process.exitValue();
            output = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return CheckResult.fail(id(), "S15", "cannot list the firewall: " + installation.firewallCommand().get(0) + " is not available");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail(id(), "S15", "interrupted");
        }
        if (exit != 0) {
            return CheckResult.fail(id(), "S15", "the WardGate firewall table is not loaded (exit " + exit + ")");
        }
        for (String chain : new String[] {"input", "forward", "output"}) {
            if (!output.matches("(?s).*chain " + chain + " \\{\\s*type filter hook " + chain + " priority [^;]+; policy drop;.*")) {
                return CheckResult.fail(id(), "S15", "chain " + chain + " does not drop by default");
            }
        }
        return CheckResult.pass(id(), "S15", "table inet wardgate loaded; input, forward and output drop by default");
    }
}
