package io.wardgate.web.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceAlarms;
import io.wardgate.api.DeviceEvent;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Transport;
import io.wardgate.api.VitalSign;
import io.wardgate.testkit.MutableClock;
import io.wardgate.web.port.DeviceAlert;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device alarms and status flags as the dashboard gets them today: through the real policy's
 * whiteboards (events of allowed devices, admitted readings), never from a device that is not allowed.
 */
class DeviceAlarmsTapTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    private static DeviceEvent event(DeviceIdentity device, DeviceEvent.Kind kind, String detail) {
        return new DeviceEvent(device, kind, Instant.now(), detail);
    }

    @Test
    void alarmsTechnicalConditionsAndFlagsOfAllowedDevicesOnly() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        DeviceAlarmsTap tap = new DeviceAlarmsTap(clock);
        try (RealPolicy policy = new RealPolicy(dir)) {
            policy.engine.addEventObserver(tap);
            policy.engine.addObserver(tap);

            policy.engine.report(event(RealPolicy.MONITOR, DeviceEvent.Kind.ALARM, "SpO2 LOW 85"));
            policy.engine.report(event(RealPolicy.STRANGER, DeviceEvent.Kind.ALARM, "not allowed: not shown"));
            clock.advance(Duration.ofSeconds(5));
            policy.engine.report(event(RealPolicy.MONITOR, DeviceEvent.Kind.SILENT, "nothing for 10 s"));
            policy.engine.submit(new DeviceReadings(RealPolicy.MONITOR, RealPolicy.BED_12, List.of(
                    Observation.of(VitalSign.SPO2, Decimal.ofInteger(85), Set.of(StatusFlag.IN_ALARM,
                            StatusFlag.VALIDATED), Instant.now()))));
            org.awaitility.Awaitility.await().until(() -> tap.recent(Duration.ofMinutes(15)).size() == 3);

            List<DeviceAlert> alerts = tap.recent(Duration.ofMinutes(15));
            assertThat(alerts).allSatisfy(a -> assertThat(a.deviceId()).isEqualTo(RealPolicy.MONITOR.id()));
            assertThat(alerts).extracting(DeviceAlert::kind).containsExactlyInAnyOrder(DeviceAlert.Kind.ALARM,
                    DeviceAlert.Kind.TECHNICAL, DeviceAlert.Kind.FLAGS);
            assertThat(alerts).filteredOn(a -> a.kind() == DeviceAlert.Kind.FLAGS).singleElement().satisfies(a -> {
                assertThat(a.metric()).isEqualTo(VitalSign.SPO2.metric());
                assertThat(a.flags()).containsExactly(StatusFlag.IN_ALARM); // "validated" says nothing is wrong
            });
            assertThat(alerts.get(alerts.size() - 1).detail()).isEqualTo("SpO2 LOW 85"); // newest first

            // Reconnected: the technical condition ends; a clean reading clears the flags.
            policy.engine.report(event(RealPolicy.MONITOR, DeviceEvent.Kind.CONNECTED, "port opened"));
            policy.engine.submit(RealPolicy.spo2(RealPolicy.MONITOR, Instant.now(), 97));
            org.awaitility.Awaitility.await().until(() -> tap.recent(Duration.ofMinutes(15)).size() == 1);
            assertThat(tap.recent(Duration.ofMinutes(15))).singleElement()
                    .extracting(DeviceAlert::kind).isEqualTo(DeviceAlert.Kind.ALARM);

            clock.advance(Duration.ofMinutes(20));
            assertThat(tap.recent(Duration.ofMinutes(15))).as("older than the window").isEmpty();
        }
    }

    @Test
    void typedAlarmsShowWhileRaisedOrSilencedAndGoWhenTheDeviceEndsThem() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        DeviceAlarmsTap tap = new DeviceAlarmsTap(clock);
        try (RealPolicy policy = new RealPolicy(dir)) {
            policy.engine.addEventObserver(tap);
            Alarm low = new Alarm(VitalSign.SPO2.metric(), "masimo:2", "SpO2 low", AlarmPriority.MEDIUM,
                    AlarmState.ACTIVE, null, Instant.now());

            policy.engine.raise(new DeviceAlarms(RealPolicy.MONITOR, RealPolicy.BED_12, List.of(low)));
            policy.engine.raise(new DeviceAlarms(RealPolicy.STRANGER, RealPolicy.BED_12, List.of(low)));
            assertThat(tap.recent(Duration.ofMinutes(15))).singleElement().satisfies(a -> {
                assertThat(a.deviceId()).isEqualTo(RealPolicy.MONITOR.id());
                assertThat(a.kind()).isEqualTo(DeviceAlert.Kind.ALARM);
                assertThat(a.metric()).isEqualTo(VitalSign.SPO2.metric());
                assertThat(a.detail()).isEqualTo("medium priority: SpO2 low");
            });

            clock.advance(Duration.ofHours(1)); // still raised: shown however long ago it began
            policy.engine.raise(new DeviceAlarms(RealPolicy.MONITOR, RealPolicy.BED_12,
                    List.of(low.withState(AlarmState.SILENCED))));
            assertThat(tap.recent(Duration.ofMinutes(15))).singleElement().extracting(DeviceAlert::detail)
                    .isEqualTo("medium priority: SpO2 low (silenced at the bedside)");

            policy.engine.raise(new DeviceAlarms(RealPolicy.MONITOR, RealPolicy.BED_12,
                    List.of(low.withState(AlarmState.ENDED))));
            assertThat(tap.recent(Duration.ofMinutes(15))).isEmpty();
        }
    }

    @Test
    void boundedToMaxDevicesUnderAFloodOfDevices() {
        MutableClock clock = new MutableClock(NOW);
        DeviceAlarmsTap tap = new DeviceAlarmsTap(clock);
        for (int i = 0; i < DeviceAlarmsTap.MAX_DEVICES * 3; i++) {
            clock.advance(Duration.ofMillis(1));
            DeviceIdentity device = DeviceIdentity.at(Transport.SERIAL, "/dev/ttyUSB" + i);
            for (int e = 0; e < DeviceAlarmsTap.MAX_EVENTS * 2; e++) {
                tap.reported(new DeviceEvent(device, DeviceEvent.Kind.ALARM, clock.instant(), "alarm " + e));
            }
        }
        assertThat(tap.devices()).isEqualTo(DeviceAlarmsTap.MAX_DEVICES);
        assertThat(tap.recent(Duration.ofHours(1))).hasSize(DeviceAlarmsTap.MAX_DEVICES * DeviceAlarmsTap.MAX_EVENTS);
    }
}
