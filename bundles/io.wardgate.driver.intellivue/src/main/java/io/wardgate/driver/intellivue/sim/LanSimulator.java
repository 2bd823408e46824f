package io.wardgate.driver.intellivue.sim;

import aQute.bnd.annotation.Resolution;
import aQute.bnd.annotation.spi.ServiceProvider;
import io.wardgate.api.sim.SimulatedDevice;
import io.wardgate.api.sim.SimulatorProvider;
import io.wardgate.driver.intellivue.IntelliVueLanDriver;

/**
 * A simulated IntelliVue MP70 on the LAN for "intellivue-lan", at 198.51.100.x (documentation range)
 * with a Philips MAC prefix; the runner decides where its datagrams really go.
 */
@ServiceProvider(value = SimulatorProvider.class, resolution = Resolution.OPTIONAL)
public final class LanSimulator implements SimulatorProvider {

    @Override
    public String protocol() {
        return IntelliVueLanDriver.NAME;
    }

    @Override
    public SimulatedDevice create(long seed) {
        byte host = (byte) (1 + Math.floorMod(seed, 250));
        return new LanMonitor(MonitorSettings.mp70(SimulatorProvider.serialNumber("DE", seed), seed),
                new byte[] {(byte) 198, 51, 100, host}, new byte[] {0x00, 0x09, (byte) 0xFB, 0x00, 0x00, host});
    }
}
