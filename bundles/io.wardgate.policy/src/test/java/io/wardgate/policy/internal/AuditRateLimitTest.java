package io.wardgate.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Transport;
import io.wardgate.audit.api.AuditQuery;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S16, S20: floods are audited without flooding the audit trail. Time is a manual ticker here, so
 * the interval logic is tested without waiting.
 */
class AuditRateLimitTest {
    static final DeviceIdentity STRANGER = new DeviceIdentity(Transport.SERIAL, "/dev/ttyUSB9", "X", "Y", "");

    @TempDir
    Path dir;
    Fixture f;

    @BeforeEach
    void start() throws IOException {
        f = new Fixture(dir, PolicySettings.DEFAULTS, true);
    }

    @AfterEach
    void stop() throws IOException {
        f.close();
    }

    @Test
    void anUnknownDeviceFloodingIsAuditedOncePerIntervalWithACountOfTheRest() {
        for (int i = 0; i < 1000; i++) {
            f.engine.submit(Fixture.spo2(STRANGER, 97));
        }
        assertThat(f.audited("DEVICE_NOT_ALLOWED")).hasSize(1);
        assertThat(f.audited("DEVICE_PENDING")).hasSize(1);

        f.ticker.addAndGet(Duration.ofSeconds(61).toNanos());
        f.engine.submit(Fixture.spo2(STRANGER, 97));

        assertThat(f.audited("DEVICE_NOT_ALLOWED")).hasSize(2).first().satisfies(r -> assertThat(r.event().detail())
                .endsWith("(999 similar records held back since the last one)"));
        assertThat(f.engine.status().readingsRefused()).isEqualTo(1001);
        assertThat(f.engine.status().auditRecordsSuppressed()).isEqualTo(999);
    }

    @Test
    void aThrottledDeviceIsAuditedOncePerInterval() {
        for (int i = 0; i < 500; i++) {
            f.engine.submit(Fixture.spo2(Fixture.MONITOR, 97, 98));
        }
        assertThat(f.engine.status().readingsThrottled()).isEqualTo(1000 - 10);
        assertThat(f.audited("DEVICE_THROTTLED")).singleElement()
                .satisfies(r -> assertThat(r.event().detail()).startsWith("above 10.0 readings/s (burst 10)"));
        f.ticker.addAndGet(Duration.ofSeconds(1).toNanos()); // 10 more tokens
        f.engine.submit(Fixture.spo2(Fixture.MONITOR, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        assertThat(f.engine.status().readingsThrottled()).isEqualTo(990);
    }

    @Test
    void manyForgedAddressesCannotFloodTheAuditTrail() {
        for (int i = 0; i < 2000; i++) {
            String address = String.format("02:00:00:00:%02X:%02X", i / 256, i % 256);
            f.engine.admit(Fixture.sighting(DeviceIdentity.at(Transport.BLE, address),
                    Map.of("addressType", "random", "bonded", "false", "uuids", "")));
        }
        long records = f.trail.query(AuditQuery.latest(AuditQuery.MAX_LIMIT)).size();
        // 64 pending (each recorded once), a global burst of 60 rate-limited records, and a little slack
        assertThat(records).isLessThan(64 + 60 + 10);
        assertThat(f.engine.status().pendingFull()).isTrue();
        assertThat(f.engine.pending()).hasSize(64);
        assertThat(f.audited("PENDING_LIST_FULL")).hasSize(1);
    }
}
