package io.wardgate.policy.internal;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.DeviceSighting;
import io.wardgate.api.Location;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.Transport;
import io.wardgate.api.VitalSign;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.api.pipeline.Sealer;
import io.wardgate.audit.AuditSettings;
import io.wardgate.audit.FileAuditTrail;
import io.wardgate.audit.api.AuditQuery;
import io.wardgate.audit.api.AuditRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The real policy engine wired to the real audit trail (files in a temp directory), a file-backed
 * allowlist store, and a sealer that records what it is handed (the seal bundle is another issue).
 */
final class Fixture implements AutoCloseable {
    static final Location BED_12 = new Location("st-marys", "icu-3", "bed-12");
    static final DeviceIdentity MONITOR = new DeviceIdentity(Transport.SERIAL, "/dev/wardgate/bed-12", "MX450",
            "DE12345678", "");
    static final DeviceIdentity OXIMETER = DeviceIdentity.at(Transport.BLE, "AA:BB:CC:DD:EE:01");
    static final String PULSE_OX_SERVICE = "00001822-0000-1000-8000-00805f9b34fb";

    /** Two groups, one serial monitor and one BLE oximeter approved. */
    static final String ALLOWLIST = """
            {
              "format": "wardgate-allowlist/1",
              "groups": [
                {"name": "icu-monitors", "metrics": [150456, 149530, 147842],
                 "plausibility": [{"metric": 150456, "min": 50, "max": 100}],
                 "maxReadingsPerSecond": 10, "burst": 10, "bondingRequired": true,
                 "topicSuffix": "vitals", "backendKeyId": "backend-2026", "priority": 7},
                {"name": "ward-ble", "metrics": [150456, 149530],
                 "maxReadingsPerSecond": 10, "burst": 10, "bondingRequired": true,
                 "topicSuffix": "spot-checks", "backendKeyId": "backend-2026", "priority": 3}
              ],
              "devices": [
                {"group": "icu-monitors", "transport": "serial", "address": "/dev/wardgate/bed-12",
                 "model": "MX450", "serialNumber": "DE12345678", "approvedBy": "user:setup",
                 "approvedAt": "2026-03-01T09:00:00Z"},
                {"group": "ward-ble", "transport": "ble", "address": "AA:BB:CC:DD:EE:01", "addressType": "public",
                 "services": ["00001822-0000-1000-8000-00805F9B34FB"], "approvedBy": "user:setup"}
              ],
              "denied": []
            }
            """;

    final Path dir;
    final FileAuditTrail trail;
    final RecordingSealer sealer = new RecordingSealer();
    final FileStore store;
    final AtomicLong ticker = new AtomicLong(1_000_000_000L);
    final PolicyEngine engine;

    Fixture(Path dir, PolicySettings settings, boolean manualTicker) throws IOException {
        this.dir = dir;
        this.trail = FileAuditTrail.open(new AuditSettings(dir.resolve("audit"), 64L << 20, 1L << 20, 80, "wg-test-1",
                "st-marys/icu-3"), Clock.systemUTC(), new SecureRandom());
        this.store = new FileStore(dir.resolve("allowlist.json"));
        LongSupplier nanos = manualTicker ? ticker::get : System::nanoTime;
        this.engine = new PolicyEngine(settings, ALLOWLIST, trail, sealer, store, Clock.systemUTC(), nanos,
                task -> new Thread(task, "test-handoff"));
    }

    Fixture(Path dir) throws IOException {
        this(dir, PolicySettings.DEFAULTS, false);
    }

    static DeviceReadings spo2(DeviceIdentity device, int... values) {
        List<Reading> readings = new ArrayList<>();
        for (int value : values) {
            readings.add(Observation.of(VitalSign.SPO2, Decimal.ofInteger(value), Set.of(), Instant.now()));
        }
        return new DeviceReadings(device, BED_12, readings);
    }

    static DeviceSighting sighting(DeviceIdentity device, Map<String, String> details) {
        return new DeviceSighting(device, BED_12, details, Instant.now());
    }

    static Map<String, String> ble(String addressType, boolean bonded, String uuids) {
        return Map.of("addressType", addressType, "bonded", Boolean.toString(bonded), "uuids", uuids, "name", "Oxi-1");
    }

    List<AuditRecord> audited(String action) {
        return trail.query(AuditQuery.latest(AuditQuery.MAX_LIMIT).withAction(action));
    }

    @Override
    public void close() throws IOException {
        engine.close();
        trail.close();
    }

    /** Records what it is handed; optionally slow, or blocked until released. */
    static final class RecordingSealer implements Sealer {
        final ConcurrentLinkedQueue<AdmittedReadings> sealed = new ConcurrentLinkedQueue<>();
        volatile Duration delay = Duration.ZERO;
        volatile java.util.concurrent.CountDownLatch gate;

        @Override
        public void seal(AdmittedReadings readings) {
            sealed.add(readings);
            try {
                if (gate != null) {
                    gate.await();
                }
                if (!delay.isZero()) {
                    Thread.sleep(delay.toMillis()); // simulates a slow sealer, not a wait in a test
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        final ConcurrentLinkedQueue<io.wardgate.api.pipeline.AdmittedAlarms> alarms = new ConcurrentLinkedQueue<>();

        @Override
        public void seal(io.wardgate.api.pipeline.AdmittedAlarms admitted) {
            alarms.add(admitted);
        }

        List<AdmittedReadings> of(DeviceIdentity device) {
            return sealed.stream().filter(a -> a.readings().device().equals(device)).toList();
        }

        long readingsOf(DeviceIdentity device) {
            return of(device).stream().mapToLong(a -> a.readings().readings().size()).sum();
        }
    }

    /** Keeps the allowlist in a real file; can be told to fail like a full disk. */
    static final class FileStore implements AllowlistStore {
        final Path file;
        volatile boolean failing;

        FileStore(Path file) {
            this.file = file;
        }

        @Override
        public void save(String json) throws IOException {
            if (failing) {
                throw new IOException("No space left on device");
            }
            Files.writeString(file, json, StandardCharsets.UTF_8);
        }

        String saved() throws IOException {
            return Files.exists(file) ? Files.readString(file) : "";
        }
    }
}
