package io.wardgate.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.DeviceAlarms;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Transport;
import io.wardgate.api.pipeline.AdmittedAlarms;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alarms go through the policy like readings: allowlisted devices only, with their group's route. */
class AlarmIntakeTest {
    private static final Alarm APNEA = new Alarm(null, "", "APNEA", AlarmPriority.HIGH, AlarmState.ACTIVE, null,
            Instant.now());

    @TempDir
    Path dir;

    @Test
    void anAllowedDevicesAlarmGoesToTheSealerWithItsRoute() throws Exception {
        try (Fixture fixture = new Fixture(dir)) {
            fixture.engine.raise(new DeviceAlarms(Fixture.MONITOR, Fixture.BED_12, List.of(APNEA)));
            assertThat(fixture.sealer.alarms).singleElement().satisfies(admitted -> {
                assertThat(admitted.alarms().alarms()).containsExactly(APNEA);
                assertThat(admitted.route().group()).isEqualTo("icu-monitors");
                assertThat(admitted.route().priority()).isEqualTo(7);
            });
            // Metric rules and the readings' rate limit do not apply: 20 changes in a row all pass.
            for (int i = 0; i < 20; i++) {
                fixture.engine.raise(new DeviceAlarms(Fixture.MONITOR, Fixture.BED_12,
                        List.of(APNEA.withState(i % 2 == 0 ? AlarmState.SILENCED : AlarmState.ACTIVE))));
            }
            assertThat(fixture.sealer.alarms).hasSize(21);
        }
    }

    @Test
    void anUnknownDevicesAlarmIsDroppedAndTheDeviceHeldForApproval() throws Exception {
        DeviceIdentity stranger = DeviceIdentity.at(Transport.SERIAL, "/dev/ttyUSB9");
        try (Fixture fixture = new Fixture(dir)) {
            fixture.engine.raise(new DeviceAlarms(stranger, Fixture.BED_12, List.of(APNEA)));
            assertThat(fixture.sealer.alarms).extracting(AdmittedAlarms::alarms).isEmpty();
            assertThat(fixture.engine.pending()).anySatisfy(p -> assertThat(p.sighting().identity()).isEqualTo(stranger));
            assertThat(fixture.audited("DEVICE_NOT_ALLOWED")).isNotEmpty();
        }
    }
}
