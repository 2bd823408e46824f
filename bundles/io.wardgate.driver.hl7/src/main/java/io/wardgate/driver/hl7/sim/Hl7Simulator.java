package io.wardgate.driver.hl7.sim;

import aQute.bnd.annotation.Resolution;
import aQute.bnd.annotation.spi.ServiceProvider;
import io.wardgate.api.sim.SimulatedDevice;
import io.wardgate.api.sim.SimulatorProvider;
import io.wardgate.driver.hl7.Hl7Driver;

/** A simulated PCD-01 monitor for "hl7". */
@ServiceProvider(value = SimulatorProvider.class, resolution = Resolution.OPTIONAL)
public final class Hl7Simulator implements SimulatorProvider {

    @Override
    public String protocol() {
        return Hl7Driver.NAME;
    }

    @Override
    public SimulatedDevice create(long seed) {
        return new Pcd01Monitor(seed);
    }
}
