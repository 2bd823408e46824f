package io.wardgate.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.time.ClockState;
import io.wardgate.api.time.DeviceClockOffset;
import io.wardgate.api.time.DeviceClockOffset.Verdict;
import io.wardgate.api.time.Synchronisation;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Issue 22 item 2: a device's own clock is compared with the gateway's; off by too much is flagged, never ignored. */
class DeviceClockTableTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final AtomicReference<ClockState> gateway = new AtomicReference<>(state(Synchronisation.SYNCHRONISED));
    private final List<String> changes = new ArrayList<>();
    private final DeviceClockTable table = new DeviceClockTable(gateway::get, Duration.ofSeconds(60),
            (before, now) -> changes.add((before == null ? "-" : before.verdict().name()) + ">" + now.verdict()));

    private static ClockState state(Synchronisation synchronisation) {
        return new ClockState(synchronisation, "chrony", Duration.ofMillis(5), false, NOW, "test");
    }

    @Test
    void aDeviceWithinToleranceIsReportedNotFlagged() {
        DeviceClockOffset offset = table.compare("serial:/dev/ttyUSB0", NOW.minusSeconds(20), NOW);
        assertThat(offset.verdict()).isEqualTo(Verdict.WITHIN_TOLERANCE);
        assertThat(offset.offset()).isEqualTo(Duration.ofSeconds(-20));
        assertThat(offset.flagged()).isFalse();
        assertThat(table.offsets()).containsExactly(offset);
    }

    @Test
    void aDeviceOffByMoreThanTheToleranceIsFlaggedOnceUntilItChanges() {
        assertThat(table.compare("serial:/dev/ttyUSB1", NOW.plus(Duration.ofHours(1)), NOW).flagged()).isTrue();
        assertThat(table.compare("serial:/dev/ttyUSB1", NOW.plus(Duration.ofHours(1)).plusSeconds(1), NOW.plusSeconds(1))
                .flagged()).isTrue();
        assertThat(table.compare("serial:/dev/ttyUSB1", NOW.plusSeconds(2), NOW.plusSeconds(2)).flagged()).isFalse();
        assertThat(changes).containsExactly("->OFF", "OFF>WITHIN_TOLERANCE");
    }

    @Test
    void anUnsynchronisedGatewayJudgesNoDevice() {
        gateway.set(state(Synchronisation.UNSYNCHRONISED));
        DeviceClockOffset offset = table.compare("serial:/dev/ttyUSB2", NOW.plus(Duration.ofDays(2)), NOW);
        assertThat(offset.verdict()).isEqualTo(Verdict.GATEWAY_UNVERIFIED);
        assertThat(offset.flagged()).isFalse();
        assertThat(offset.offset()).isEqualTo(Duration.ofDays(2));
        gateway.set(state(Synchronisation.SYNCHRONISED));
        assertThat(table.compare("serial:/dev/ttyUSB2", NOW.plus(Duration.ofDays(2)), NOW).flagged()).isTrue();
    }

    @Test
    void theTableIsBounded() {
        for (int i = 0; i < DeviceClockTable.MAX_DEVICES + 10; i++) {
            table.compare("net:10.0.0." + i, NOW, NOW.plusMillis(i));
        }
        assertThat(table.offsets()).hasSize(DeviceClockTable.MAX_DEVICES);
        assertThat(table.offsets().get(0).deviceId()).isEqualTo("net:10.0.0." + (DeviceClockTable.MAX_DEVICES + 9));
    }
}
