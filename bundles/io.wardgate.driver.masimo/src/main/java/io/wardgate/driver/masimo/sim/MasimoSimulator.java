package io.wardgate.driver.masimo.sim;

import aQute.bnd.annotation.Resolution;
import aQute.bnd.annotation.spi.ServiceProvider;
import io.wardgate.api.sim.SimulatedDevice;
import io.wardgate.api.sim.SimulatorProvider;
import io.wardgate.driver.masimo.MasimoDriver;

/** A simulated Masimo Radical for "masimo", its serial number derived from the seed. */
@ServiceProvider(value = SimulatorProvider.class, resolution = Resolution.OPTIONAL)
public final class MasimoSimulator implements SimulatorProvider {

    @Override
    public String protocol() {
        return MasimoDriver.NAME;
    }

    @Override
    public SimulatedDevice create(long seed) {
        return new MasimoRadical(SimulatorProvider.serialNumber("", seed), seed);
    }
}
