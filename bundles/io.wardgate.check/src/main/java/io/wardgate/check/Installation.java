package io.wardgate.check;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What to check: an installation's directories and the facts docs/security.md promises about it.
 *
 * @param data data directory (framework storage, outbox, the gateway's identity below identity/): 0700,
 *        owned by the service user
 * @param conf the service's configuration directory (FileInstall .config/.cfg files): 0700
 * @param logs log directory: 0700
 * @param sbom the CycloneDX SBOM shipped with the installation
 * @param process the gateway's process id: only its sockets count; empty means every listener
 *        of the network namespace counts
 * @param allowedListeners the documented listening sockets, as "tcp/PORT" or "udp/PORT"
 * @param firewallCommand the command that lists the loaded firewall table (nft list table inet wardgate)
 * @param proc where /proc is (tests point it at a copy)
 * @param expiryWarningDays a certificate expiring within this many days fails
 * @param clock the time certificates are checked against
 */
public record Installation(Path data, Path conf, Path logs, Path sbom, OptionalLong process,
        List<String> allowedListeners, List<String> firewallCommand, Path proc, int expiryWarningDays,
        Clock clock) {

    public Installation {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(conf, "conf");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(sbom, "sbom");
        Objects.requireNonNull(process, "process");
        allowedListeners = List.copyOf(allowedListeners);
        for (String listener : allowedListeners) {
            if (!listener.matches("(tcp|udp)/\\d{1,5}")) {
                throw new IllegalArgumentException("an allowed listener is tcp/PORT or udp/PORT");
            }
        }
        firewallCommand = List.copyOf(firewallCommand);
        Objects.requireNonNull(proc, "proc");
        if (expiryWarningDays < 0 || expiryWarningDays > 3650) {
            throw new IllegalArgumentException("expiryWarningDays must be 0 to 3650");
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** The Debian package's layout (docs/install.md). */
    public static Installation debian() {
        return new Installation(Path.of("/var/lib/wardgate"), Path.of("/etc/wardgate/conf"), Path.of("/var/log/wardgate"),
                Path.of("/usr/share/wardgate/sbom.cdx.json"), OptionalLong.empty(), List.of("tcp/8443"),
                List.of("nft", "list", "table", "inet", "wardgate"), Path.of("/proc"), 30, Clock.systemUTC());
    }

    /** Where the gateway keeps its keystore and the keystore's password file (seal's IdentityStore). */
    public Path keys() {
        return data.resolve("identity");
    }
}
