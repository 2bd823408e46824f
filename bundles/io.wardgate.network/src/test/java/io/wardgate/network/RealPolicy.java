package io.wardgate.network;

import io.wardgate.api.pipeline.AdmittedAlarms;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.api.pipeline.Sealer;
import io.wardgate.audit.AuditSettings;
import io.wardgate.audit.FileAuditTrail;
import io.wardgate.audit.api.AuditQuery;
import io.wardgate.audit.api.AuditRecord;
import io.wardgate.policy.internal.PolicyEngine;
import io.wardgate.policy.internal.PolicySettings;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The real policy engine with the real audit trail (files under {@code dir}) and a sealer that records
 * what it is handed: one group "networked" for the metrics the simulated monitors send, no devices yet.
 */
final class RealPolicy implements AutoCloseable {
    static final String ALLOWLIST = """
            {
              "format": "wardgate-allowlist/1",
              "groups": [
                {"name": "networked", "metrics": [147842, 150456, 149530, 151562, 150364, 150021, 150022, 150023],
                 "maxReadingsPerSecond": 50, "burst": 100, "bondingRequired": false,
                 "topicSuffix": "vitals", "backendKeyId": "backend-1", "priority": 5}
              ],
              "devices": [],
              "denied": []
            }
            """;

    final FileAuditTrail trail;
    final PolicyEngine engine;
    final ConcurrentLinkedQueue<AdmittedReadings> sealed = new ConcurrentLinkedQueue<>();

    RealPolicy(Path dir) throws IOException {
        trail = FileAuditTrail.open(new AuditSettings(dir.resolve("audit"), 16L << 20, 1L << 20, 80, "wg-test-1",
                "site-1/ward-3"), Clock.systemUTC(), new SecureRandom());
        Sealer sealer = new Sealer() {
            @Override
            public void seal(AdmittedReadings readings) {
                sealed.add(readings);
            }

            @Override
            public void seal(AdmittedAlarms alarms) {
            }
        };
        engine = new PolicyEngine(PolicySettings.DEFAULTS, ALLOWLIST, trail, sealer, json -> { }, Clock.systemUTC(),
                System::nanoTime, task -> new Thread(task, "test-handoff"));
    }

    List<AuditRecord> audited(String action) {
        return trail.query(AuditQuery.latest(AuditQuery.MAX_LIMIT).withAction(action));
    }

    @Override
    public void close() throws IOException {
        engine.close();
        trail.close();
    }
}
