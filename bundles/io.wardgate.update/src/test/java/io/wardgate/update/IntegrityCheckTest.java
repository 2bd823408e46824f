package io.wardgate.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a difference between the record and what is installed is judged (entries: version sha256 launcher-digest). */
class IntegrityCheckTest {
    private static final Instant AT = Instant.parse("2026-11-29T05:00:00Z");

    private static IntegrityCheck.Outcome compare(Map<String, String> recorded, Map<String, String> now) {
        return IntegrityCheck.compare(recorded, now, "1.0.0", AT);
    }

    @Test
    void theSameContentMatches() {
        Map<String, String> same = Map.of("bundle.a", "1.0.0 aaaa L1", "config.x.cfg", "cccc");
        assertThat(compare(same, same).report().ok()).isTrue();
    }

    @Test
    void aBundleReplacedBelowTheRecordedVersionWithoutANewJarIsReportedAsReverted() {
        IntegrityCheck.Outcome outcome = compare(Map.of("bundle.a", "1.1.0 aaaa L1"), Map.of("bundle.a", "1.0.0 bbbb L1"));
        assertThat(outcome.report().mismatches()).containsExactly(
                "bundle a was reverted from 1.1.0 to 1.0.0 (installed jar differs from what was installed)");
    }

    @Test
    void aNewWardgateJarIsANoteAndRecordedUnlessItTakesABundleBelowAnInstalledUpdate() {
        IntegrityCheck.Outcome upgrade = compare(Map.of("bundle.a", "1.0.0 aaaa L1"), Map.of("bundle.a", "1.2.0 bbbb L2"));
        assertThat(upgrade.report().ok()).isTrue();
        assertThat(upgrade.report().notes()).containsExactly("bundle a 1.2.0 was installed from a new wardgate.jar");
        assertThat(upgrade.record()).containsEntry("bundle.a", "1.2.0 bbbb L2");

        IntegrityCheck.Outcome reverted = compare(Map.of("bundle.a", "1.1.0 aaaa L1"), Map.of("bundle.a", "1.0.5 bbbb L2"));
        assertThat(reverted.report().mismatches()).singleElement().asString()
                .contains("reverted from 1.1.0 to 1.0.5 by a new wardgate.jar");
        assertThat(reverted.record()).containsEntry("bundle.a", "1.1.0 aaaa L1");
    }

    @Test
    void aBundleTheNewWardgateJarNoLongerCarriesIsANoteAndLeavesTheRecord() {
        Map<String, String> recorded = Map.of("bundle.a", "1.0.0 aaaa L1", "bundle.old", "1.0.0 cccc L3",
                "bundle.extra", "2.0.0 dddd -");
        Map<String, String> now = Map.of("bundle.a", "1.0.0 aaaa L1");

        IntegrityCheck.Outcome upgraded = IntegrityCheck.compare(recorded, now, "1.0.0", AT, "a"::equals);
        assertThat(upgraded.report().notes()).containsExactly(
                "bundle old 1.0.0 was removed: the new wardgate.jar no longer carries it");
        assertThat(upgraded.record()).doesNotContainKey("bundle.old");
        // A signed update's bundle ("-": not from wardgate.jar) that is missing is always a mismatch.
        assertThat(upgraded.report().mismatches()).containsExactly("bundle extra 2.0.0 is missing");

        // The jar still carries it, or it cannot be told: missing is a mismatch.
        assertThat(IntegrityCheck.compare(recorded, now, "1.0.0", AT, name -> true).report().mismatches())
                .contains("bundle old 1.0.0 is missing");
    }

    @Test
    void bundlesAppearingOrMissingAndConfigurationFilesChangingAreMismatches() {
        IntegrityCheck.Outcome outcome = compare(
                Map.of("bundle.gone", "1.0.0 aaaa L1", "config.a.cfg", "1111", "config.b.cfg", "2222"),
                Map.of("bundle.stranger", "1.0.0 dddd -", "bundle.fromjar", "1.0.0 eeee L9", "config.a.cfg", "1112",
                        "config.c.cfg", "3333"));
        assertThat(outcome.report().mismatches()).containsExactlyInAnyOrder(
                "bundle gone 1.0.0 is missing",
                "bundle stranger 1.0.0 was installed outside of signed updates",
                "configuration file a.cfg changed outside the gateway's configuration",
                "configuration file b.cfg was removed outside the gateway's configuration",
                "configuration file c.cfg appeared outside the gateway's configuration");
        assertThat(outcome.report().notes()).containsExactly("bundle fromjar 1.0.0 is new in wardgate.jar");
    }
}
