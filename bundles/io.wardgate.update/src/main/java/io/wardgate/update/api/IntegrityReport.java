package io.wardgate.update.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The integrity check made at start: installed bundles' content and the configuration files
 * compared with the installed-state record written when they were last installed or changed.
 *
 * @param checkedAt when the check ran
 * @param installedVersion the version of the last installed update package, "none" when none was
 * @param mismatches one printable line per mismatch, naming the bundle or configuration file and
 *        what differs; empty when everything matches
 * @param notes changes that are not mismatches, e.g. a new wardgate.jar re-installed its bundles
 */
public record IntegrityReport(Instant checkedAt, String installedVersion, List<String> mismatches,
        List<String> notes) {

    public IntegrityReport {
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(installedVersion, "installedVersion");
        mismatches = List.copyOf(mismatches);
        notes = List.copyOf(notes);
    }

    public boolean ok() {
        return mismatches.isEmpty();
    }
}
