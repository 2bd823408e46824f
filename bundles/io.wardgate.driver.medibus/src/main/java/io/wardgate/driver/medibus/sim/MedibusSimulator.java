package io.wardgate.driver.medibus.sim;

import aQute.bnd.annotation.Resolution;
import aQute.bnd.annotation.spi.ServiceProvider;
import io.wardgate.api.sim.SimulatedDevice;
import io.wardgate.api.sim.SimulatorProvider;
import io.wardgate.driver.medibus.MedibusDriver;

/** A simulated Evita ventilator for "medibus". */
@ServiceProvider(value = SimulatorProvider.class, resolution = Resolution.OPTIONAL)
public final class MedibusSimulator implements SimulatorProvider {

    @Override
    public String protocol() {
        return MedibusDriver.NAME;
    }

    @Override
    public SimulatedDevice create(long seed) {
        return new MedibusVentilator(seed);
    }
}
