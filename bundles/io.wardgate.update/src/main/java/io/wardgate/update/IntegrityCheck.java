package io.wardgate.update;

import io.wardgate.update.api.IntegrityReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.osgi.framework.Version;

/**
 * Compares what is installed now with the integrity record. A bundle whose content differs while the
 * launcher's digest for it is unchanged was modified on disk (or installed by someone else): a
 * mismatch. A bundle the launcher re-installed because wardgate.jar itself changed (its digest
 * changed) is a note and is re-recorded, unless that took it below the version an update had
 * installed: then the update was reverted, which is a mismatch. Configuration files that differ
 * from their last recorded digest are mismatches.
 */
final class IntegrityCheck {

    /** The report and the record to keep (recorded entries replaced by legitimate base changes). */
    record Outcome(IntegrityReport report, Map<String, String> record) {
    }

    private IntegrityCheck() {
    }

    static Outcome compare(Map<String, String> recorded, Map<String, String> now, String installedVersion,
            Instant at) {
        return compare(recorded, now, installedVersion, at, name -> true);
    }

    /**
     * As above; {@code carriedByJar} tells whether the running wardgate.jar carries a bundle of that symbolic
     * name: one an older wardgate.jar installed that the running one no longer carries was removed with the
     * upgrade (a note), where any other missing bundle is a mismatch.
     */
    static Outcome compare(Map<String, String> recorded, Map<String, String> now, String installedVersion,
            Instant at, Predicate<String> carriedByJar) {
        List<String> mismatches = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, String> keep = new TreeMap<>(recorded);
        TreeSet<String> keys = new TreeSet<>(recorded.keySet());
        keys.addAll(now.keySet());
        for (String key : keys) {
            String was = recorded.get(key);
            String is = now.get(key);
            if (key.startsWith(Snapshot.BUNDLE)) {
                bundle(key.substring(Snapshot.BUNDLE.length()), was, is, mismatches, notes, keep, key, carriedByJar);
            } else if (key.startsWith(Snapshot.CONFIG)) {
                String file = key.substring(Snapshot.CONFIG.length());
                if (was == null) {
                    mismatches.add("configuration file " + file + " appeared outside the gateway's configuration");
                } else if (is == null) {
                    mismatches.add("configuration file " + file + " was removed outside the gateway's configuration");
                } else if (!Digests.same(was, is)) {
                    mismatches.add("configuration file " + file + " changed outside the gateway's configuration");
                }
            }
        }
        return new Outcome(new IntegrityReport(at, installedVersion, mismatches, notes), keep);
    }

    private static void bundle(String name, String was, String is, List<String> mismatches, List<String> notes,
            Map<String, String> keep, String key, Predicate<String> carriedByJar) {
        if (was == null) {
            Entry now = Entry.parse(is);
            if (now.launcherDigest().equals("-")) {
                mismatches.add("bundle " + name + " " + now.version() + " was installed outside of signed updates");
            } else {
                notes.add("bundle " + name + " " + now.version() + " is new in wardgate.jar");
                keep.put(key, is);
            }
            return;
        }
        Entry before = Entry.parse(was);
        if (is == null) {
            if (!before.launcherDigest().equals("-") && !carriedByJar.test(name)) {
                notes.add("bundle " + name + " " + before.version() + " was removed: the new wardgate.jar no longer"
                        + " carries it");
                keep.remove(key);
            } else {
                mismatches.add("bundle " + name + " " + before.version() + " is missing");
            }
            return;
        }
        Entry now = Entry.parse(is);
        boolean jarChanged = !now.launcherDigest().equals("-") && !now.launcherDigest().equals(before.launcherDigest());
        if (jarChanged) {
            if (now.version().compareTo(before.version()) < 0) {
                mismatches.add("bundle " + name + " was reverted from " + before.version() + " to " + now.version()
                        + " by a new wardgate.jar: install the update again (or a newer one)");
            } else {
                notes.add("bundle " + name + " " + now.version() + " was installed from a new wardgate.jar");
                keep.put(key, is);
            }
        } else if (!Digests.same(before.sha256(), now.sha256()) && now.version().compareTo(before.version()) < 0) {
            mismatches.add("bundle " + name + " was reverted from " + before.version() + " to " + now.version()
                    + " (installed jar differs from what was installed)");
        } else if (!Digests.same(before.sha256(), now.sha256())) {
            mismatches.add("bundle " + name + " " + now.version() + ": installed jar differs from what was installed"
                    + " (SHA-256 " + abbreviate(now.sha256()) + ", recorded " + abbreviate(before.sha256()) + ")");
        }
    }

    private static String abbreviate(String hex) {
        return hex.length() > 16 ? hex.substring(0, 16) : hex;
    }

    /** One recorded bundle: "version sha256 launcher-digest". */
    record Entry(Version version, String sha256, String launcherDigest) {
        static Entry parse(String value) {
            String[] parts = value.split(" ", 3);
            Version version;
            try {
                version = Version.parseVersion(parts[0]);
            } catch (IllegalArgumentException e) {
                version = Version.emptyVersion;
            }
            return new Entry(version, parts.length > 1 ? parts[1] : "-", parts.length > 2 ? parts[2] : "-");
        }
    }
}
