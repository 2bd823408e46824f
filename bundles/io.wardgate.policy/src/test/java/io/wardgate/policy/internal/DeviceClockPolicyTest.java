package io.wardgate.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.VitalSign;
import io.wardgate.api.time.DeviceClockOffset;
import io.wardgate.api.time.DeviceClockOffset.Verdict;
import io.wardgate.api.time.DeviceClocks;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #22, item 2: a device's own clock is compared with the gateway's; a device whose clock is off
 * by more than the tolerance is flagged on its readings (DEVICE_CLOCK_OFF), never silently trusted.
 */
class DeviceClockPolicyTest {
    /** The comparison as the time bundle makes it, with a 60 s tolerance and a synchronised gateway clock. */
    static final class SixtySeconds implements DeviceClocks {
        final List<DeviceClockOffset> compared = new CopyOnWriteArrayList<>();

        @Override
        public DeviceClockOffset compare(String deviceId, Instant deviceTime, Instant receivedAt) {
            Duration offset = Duration.between(receivedAt, deviceTime);
            DeviceClockOffset result = new DeviceClockOffset(deviceId, offset,
                    offset.abs().compareTo(Duration.ofSeconds(60)) > 0 ? Verdict.OFF : Verdict.WITHIN_TOLERANCE,
                    receivedAt);
            compared.add(result);
            return result;
        }

        @Override
        public List<DeviceClockOffset> offsets() {
            return compared;
        }
    }

    @TempDir
    Path dir;
    Fixture f;

    @BeforeEach
    void open() throws IOException {
        f = new Fixture(dir);
    }

    @AfterEach
    void close() throws IOException {
        f.close();
    }

    static DeviceReadings spo2WithDeviceTime(Duration deviceAhead) {
        Instant received = Instant.now();
        Observation o = Observation.of(VitalSign.SPO2, Decimal.ofInteger(97), Set.of(StatusFlag.VALIDATED), received)
                .withDeviceTime(received.plus(deviceAhead));
        Observation untimed = Observation.of(VitalSign.SPO2, Decimal.ofInteger(96), Set.of(), received);
        return new DeviceReadings(Fixture.MONITOR, Fixture.BED_12, List.of(o, untimed));
    }

    private List<Observation> sealed() {
        await().atMost(Duration.ofSeconds(10)).until(() -> !f.sealer.of(Fixture.MONITOR).isEmpty());
        return f.sealer.of(Fixture.MONITOR).get(0).readings().readings().stream().map(Observation.class::cast).toList();
    }

    @Test
    void aDeviceClockTenMinutesOffIsFlaggedOnTheReadingsItStamped() {
        SixtySeconds clocks = new SixtySeconds();
        f.engine.useDeviceClocks(clocks);
        f.engine.submit(spo2WithDeviceTime(Duration.ofMinutes(-10)));

        List<Observation> readings = sealed();
        assertThat(readings.get(0).status()).contains(StatusFlag.DEVICE_CLOCK_OFF, StatusFlag.VALIDATED);
        assertThat(readings.get(1).status()).as("a reading without a device time is not compared")
                .doesNotContain(StatusFlag.DEVICE_CLOCK_OFF);
        assertThat(clocks.compared).singleElement().satisfies(c -> {
            assertThat(c.deviceId()).isEqualTo(Fixture.MONITOR.id());
            assertThat(c.offset()).isEqualTo(Duration.ofMinutes(-10));
        });
    }

    @Test
    void aDeviceClockWithinToleranceIsNotFlagged() {
        f.engine.useDeviceClocks(new SixtySeconds());
        f.engine.submit(spo2WithDeviceTime(Duration.ofSeconds(20)));

        assertThat(sealed()).allSatisfy(o -> assertThat(o.status()).doesNotContain(StatusFlag.DEVICE_CLOCK_OFF));
    }

    @Test
    void withoutTheTimeBundleNothingIsComparedOrFlagged() {
        f.engine.submit(spo2WithDeviceTime(Duration.ofHours(5)));

        assertThat(sealed()).allSatisfy(o -> assertThat(o.status()).doesNotContain(StatusFlag.DEVICE_CLOCK_OFF));
    }
}
