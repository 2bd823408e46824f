package io.wardgate.ble;

import static io.wardgate.ble.BleGatewayTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.Verdict;
import io.wardgate.ble.bluez.DbusJavaBluez;
import io.wardgate.sim.ble.BleWard;
import io.wardgate.sim.ble.PrivateBus;
import io.wardgate.sim.ble.SimulatedBleDevice;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's set-up: the simulated ward on a private bus, the gateway's driver configured for that bus. */
class BleWardDemoTest {
    @TempDir
    Path dir;

    @Test
    void gatewayReadsTheWholeSimulatedWard() throws Exception {
        TestPolicy policy = new TestPolicy();
        TestIntake intake = new TestIntake();
        BleWard.DEVICES.forEach(device -> policy.set(device.address(), Verdict.ALLOWED));
        try (PrivateBus bus = PrivateBus.dbusDaemon(BleFixture.requireDbusDaemon(dir));
                BleWard ward = BleWard.start(bus.address(), BleWard.DEVICES, 60)) {
            BleGateway gateway = new BleGateway(BleFixture.settings(bus.address()), GattDriverCatalog.of(BleFixture.GATT), DbusJavaBluez::open, policy, intake,
                    Clock.systemUTC());
            gateway.start();
            try {
                for (SimulatedBleDevice device : BleWard.DEVICES) {
                    eventually().until(() -> !intake.from(device.address()).isEmpty());
                }
            } finally {
                gateway.stop();
            }
            assertThat(intake.readings).flatExtracting(r -> r.readings()).extracting(r -> r.metric().referenceId())
                    .contains("MDC_ECG_HEART_RATE", "MDC_TEMP_ORAL", "MDC_PRESS_BLD_NONINV_SYS",
                            "MDC_PULS_OXIM_SAT_O2", "MDC_MASS_BODY_ACTUAL");
            assertThat(ward.bluez().calls("Connect")).isEqualTo(BleWard.DEVICES.size());
        }
    }
}
