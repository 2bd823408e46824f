package io.wardgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.audit.api.AuditQuery;
import io.wardgate.audit.api.AuditRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #23: the audit trail's records said "unconfigured" as their gateway while the gateway's
 * identity had its id. The configuration's default names no gateway; the identity does, once bound
 * (the identity calls AuditTrail.gatewayIdentified when it binds the trail, which calls identityKnown).
 */
class GatewayIdTest {
    @TempDir
    Path dir;

    private static AuditSettings settings(Path dir, String gatewayId) {
        return new AuditSettings(dir, 1024 * 1024, 64 * 1024, 80, gatewayId, "st-marys/icu-3");
    }

    private static List<AuditRecord> all(FileAuditTrail trail) {
        return trail.readAfter(0, 100);
    }

    @Test
    void recordsCarryTheIdentitysGatewayIdOnceKnownWhenTheConfigurationNamesNone() throws Exception {
        try (FileAuditTrail trail = Trails.open(settings(dir, AuditSettings.UNCONFIGURED))) {
            trail.record(Trails.event(1));
            trail.identityKnown("wg-0a1b2c3d");
            trail.record(Trails.event(2));
            trail.identityKnown("wg-0a1b2c3d"); // bound again: no second record

            List<AuditRecord> records = all(trail);
            assertThat(records).extracting(AuditRecord::gatewayId)
                    .containsExactly("unconfigured", "wg-0a1b2c3d", "wg-0a1b2c3d");
            assertThat(records.get(1).event().action()).isEqualTo("AUDIT_GATEWAY_ID");
            assertThat(trail.query(AuditQuery.latest(10).withAction("AUDIT_GATEWAY_ID"))).hasSize(1);
            assertThat(trail.verify().intact()).isTrue();
        }
        try (FileAuditTrail reopened = Trails.open(settings(dir, AuditSettings.UNCONFIGURED))) {
            assertThat(reopened.verify().intact()).as("the chain verifies across the switch").isTrue();
        }
    }

    @Test
    void aConfiguredGatewayIdWinsAndABadOneIsIgnored() throws Exception {
        try (FileAuditTrail trail = Trails.open(settings(dir, "wg-configured"))) {
            trail.identityKnown("wg-0a1b2c3d");
            trail.record(Trails.event(1));
            assertThat(all(trail)).extracting(AuditRecord::gatewayId).containsExactly("wg-configured");
        }
        try (FileAuditTrail trail = Trails.open(settings(dir.resolve("b"), AuditSettings.UNCONFIGURED))) {
            trail.identityKnown("bad id\twith tab");
            trail.record(Trails.event(1));
            assertThat(all(trail)).extracting(AuditRecord::gatewayId).containsExactly("unconfigured");
        }
    }
}
