package io.wardgate.driver.datex.sim;

import aQute.bnd.annotation.Resolution;
import aQute.bnd.annotation.spi.ServiceProvider;
import io.wardgate.api.sim.SimulatedDevice;
import io.wardgate.api.sim.SimulatorProvider;
import io.wardgate.driver.datex.DatexDriver;

/** A simulated CARESCAPE monitor (DRI level 2009) for "datex". */
@ServiceProvider(value = SimulatorProvider.class, resolution = Resolution.OPTIONAL)
public final class DatexSimulator implements SimulatorProvider {

    @Override
    public String protocol() {
        return DatexDriver.NAME;
    }

    @Override
    public SimulatedDevice create(long seed) {
        return new DatexMonitor(seed, DatexMonitor.LEVEL_2009);
    }
}
