package io.wardgate.driver.intellivue.sim;

import aQute.bnd.annotation.Resolution;
import aQute.bnd.annotation.spi.ServiceProvider;
import io.wardgate.api.sim.SimulatedDevice;
import io.wardgate.api.sim.SimulatorProvider;
import io.wardgate.driver.intellivue.IntelliVueDriver;

/** A simulated IntelliVue MP70 for "intellivue", its serial number derived from the seed. */
@ServiceProvider(value = SimulatorProvider.class, resolution = Resolution.OPTIONAL)
public final class IntelliVueSimulator implements SimulatorProvider {

    @Override
    public String protocol() {
        return IntelliVueDriver.NAME;
    }

    @Override
    public SimulatedDevice create(long seed) {
        return new IntelliVueMonitor(MonitorSettings.mp70(SimulatorProvider.serialNumber("DE", seed), seed));
    }
}
