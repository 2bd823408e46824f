package io.wardgate.update.api;

import java.util.List;
import java.util.Objects;

/**
 * What became of one update package.
 *
 * @param outcome installed, refused before anything changed, or rolled back after a failed start
 * @param packageName the package's DeploymentPackage-SymbolicName, empty when unreadable
 * @param packageVersion the package's DeploymentPackage-Version, empty when unreadable
 * @param reason why it was refused or rolled back (printable ASCII, no secrets); empty when installed
 * @param bundles "symbolic-name version" of each bundle in the package (when it got that far)
 */
public record InstallResult(Outcome outcome, String packageName, String packageVersion, String reason,
        List<String> bundles) {

    public enum Outcome {
        /** Verified, installed, every bundle active; the installed-state record names it. */
        INSTALLED,
        /** Refused by a check before anything was installed: the gateway is unchanged. */
        REFUSED,
        /** Installed but failed to start; the previous bundles were restored and are active again. */
        ROLLED_BACK,
        /** Failed and the rollback failed too: the gateway needs attention (see the log and audit). */
        FAILED
    }

    public InstallResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(packageVersion, "packageVersion");
        Objects.requireNonNull(reason, "reason");
        bundles = List.copyOf(bundles);
    }
}
