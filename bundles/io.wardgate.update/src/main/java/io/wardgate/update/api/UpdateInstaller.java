package io.wardgate.update.api;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Installs signed update packages and reports the start-time integrity check. One install runs at
 * a time; a second caller waits.
 */
@ProviderType
public interface UpdateInstaller {

    /**
     * Verifies and installs a signed deployment package. Never throws for a bad package: the result
     * says why it was refused or rolled back, and the audit trail records it.
     *
     * @param signedPackage the package file (read, never modified or deleted)
     * @param actor who asked, for the audit trail, e.g. "it:key-0123abcd"
     * @param progress short progress lines ("verified", "installing 3 bundles", ...); may be ignored
     */
    InstallResult install(Path signedPackage, String actor, Consumer<String> progress);

    /** The DeploymentPackage-Version last installed, "none" before the first update. */
    String installedVersion();

    /** The integrity check made at this start. */
    IntegrityReport integrity();

    /**
     * Restarts the gateway process: stops the framework in order (every component deactivated),
     * then the launcher exits with a non-zero code and systemd (Restart=on-failure) starts it
     * again. Returns at once; the restart follows after {@code delayMillis} so that a reply can
     * still be sent.
     *
     * @throws IllegalStateException when not running in the WardGate appliance launcher (e.g. in Kura)
     */
    void restart(String actor, long delayMillis);
}
