package io.wardgate.web.adapters;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Location;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.Transport;
import io.wardgate.api.VitalSign;
import io.wardgate.api.pipeline.AdmittedAlarms;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.api.pipeline.Sealer;
import io.wardgate.audit.AuditSettings;
import io.wardgate.audit.FileAuditTrail;
import io.wardgate.policy.internal.PolicyEngine;
import io.wardgate.policy.internal.PolicySettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The real policy engine on a real audit trail and a real allowlist file in a temp directory. */
final class RealPolicy implements AutoCloseable {
    static final Location BED_12 = new Location("st-marys", "icu-3", "bed-12");
    static final DeviceIdentity MONITOR = new DeviceIdentity(Transport.SERIAL, "/dev/wardgate/bed-12", "MX450",
            "DE12345678", "");
    static final DeviceIdentity STRANGER = new DeviceIdentity(Transport.SERIAL, "/dev/wardgate/bed-14", "MX450",
            "XY0001", "");

    static final String ALLOWLIST = """
            {
              "format": "wardgate-allowlist/1",
              "groups": [
                {"name": "icu-monitors", "metrics": [150456, 149530],
                 "plausibility": [{"metric": 150456, "min": 50, "max": 100}],
                 "maxReadingsPerSecond": 10, "burst": 20, "bondingRequired": true,
                 "topicSuffix": "vitals", "backendKeyId": "backend-2026", "priority": 7},
                {"name": "ward-ble", "metrics": [150456],
                 "maxReadingsPerSecond": 0.5, "burst": 5, "bondingRequired": false,
                 "topicSuffix": "spot-checks", "backendKeyId": "backend-2026", "priority": 3}
              ],
              "devices": [
                {"group": "icu-monitors", "transport": "serial", "address": "/dev/wardgate/bed-12",
                 "model": "MX450", "serialNumber": "DE12345678", "approvedBy": "user:setup",
                 "approvedAt": "2026-03-01T09:00:00Z"}
              ],
              "denied": []
            }
            """;

    final FileAuditTrail trail;
    final ConcurrentLinkedQueue<AdmittedReadings> sealed = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<AdmittedAlarms> sealedAlarms = new ConcurrentLinkedQueue<>();
    final PolicyEngine engine;

    RealPolicy(Path dir) throws IOException {
        trail = FileAuditTrail.open(new AuditSettings(dir.resolve("audit"), 16L << 20, 1L << 20, 80, "wg-test-1",
                "st-marys/icu-3"), Clock.systemUTC(), new SecureRandom());
        Path file = dir.resolve("allowlist.json");
        Sealer sealer = new Sealer() {
            @Override
            public void seal(AdmittedReadings readings) {
                sealed.add(readings);
            }

            @Override
            public void seal(AdmittedAlarms alarms) {
                sealedAlarms.add(alarms);
            }
        };
        engine = new PolicyEngine(PolicySettings.DEFAULTS, ALLOWLIST, trail, sealer,
                json -> Files.writeString(file, json, StandardCharsets.UTF_8), Clock.systemUTC(), System::nanoTime,
                task -> new Thread(task, "test-handoff"));
    }

    static DeviceReadings spo2(DeviceIdentity device, Instant at, int... values) {
        List<Reading> readings = new ArrayList<>();
        for (int value : values) {
            readings.add(Observation.of(VitalSign.SPO2, Decimal.ofInteger(value), Set.of(), at));
        }
        return new DeviceReadings(device, BED_12, readings);
    }

    @Override
    public void close() throws IOException {
        engine.close();
        trail.close();
    }
}
