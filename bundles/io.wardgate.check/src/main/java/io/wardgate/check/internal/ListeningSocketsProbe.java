package io.wardgate.check.internal;

import io.wardgate.check.CheckResult;
import io.wardgate.check.Installation;
import io.wardgate.check.Probe;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * S7: the gateway listens on nothing but the documented sockets (no OSGi shell, JMX, remote debug,
 * plaintext HTTP). Loopback listeners count too: a local shell is still a shell.
 */
final class ListeningSocketsProbe implements Probe {

    @Override
    public String id() {
        return "listening-sockets";
    }

    @Override
    public CheckResult run(Installation installation) {
        Path net;
        List<ProcNet.Listener> listeners;
        if (installation.process().isPresent()) {
            Path procPid = installation.proc().resolve(Long.toString(installation.process().getAsLong()));
            Set<Long> inodes = ProcNet.socketInodes(procPid);
            if (inodes.isEmpty() && !procPid.resolve("fd").toFile().canRead()) {
                return CheckResult.skipped(id(), "S7", "cannot read " + procPid.resolve("fd") + " (run as root or as the service user)");
            }
            net = procPid.resolve("net");
            listeners = ProcNet.listeners(net).stream().filter(l -> inodes.contains(l.inode())).toList();
        } else {
            net = installation.proc().resolve("net");
            listeners = ProcNet.listeners(net);
        }
        List<String> extra = listeners.stream()
                .filter(l -> !installation.allowedListeners().contains(l.protocol() + "/" + l.port()))
                .map(ProcNet.Listener::describe).distinct().toList();
        String scope = installation.process().isPresent() ? "process " + installation.process().getAsLong() : "this host";
        if (extra.isEmpty()) {
            return CheckResult.pass(id(), "S7", listeners.size() + " listening socket(s) of " + scope
                    + ", all documented " + installation.allowedListeners());
        }
        return CheckResult.fail(id(), "S7", "undocumented listening socket(s) of " + scope + ": "
                + String.join(", ", Files2.firstFew(extra)) + "; allowed " + installation.allowedListeners());
    }
}
