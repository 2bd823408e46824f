package io.wardgate.driver.nonin.sim;

import aQute.bnd.annotation.Resolution;
import aQute.bnd.annotation.spi.ServiceProvider;
import io.wardgate.api.sim.SimulatedDevice;
import io.wardgate.api.sim.SimulatorProvider;
import io.wardgate.driver.nonin.NoninDrivers;

/** Simulated Nonin oximeters, one provider per data format (the device streams one at a time). */
public final class NoninSimulators {
    private NoninSimulators() {
    }

    /** "nonin-df7". */
    @ServiceProvider(value = SimulatorProvider.class, resolution = Resolution.OPTIONAL)
    public static final class Df7 implements SimulatorProvider {
        @Override
        public String protocol() {
            return NoninDrivers.Df7Driver.NAME;
        }

        @Override
        public SimulatedDevice create(long seed) {
            return new NoninOximeter(7, seed);
        }
    }

    /** "nonin-df8". */
    @ServiceProvider(value = SimulatorProvider.class, resolution = Resolution.OPTIONAL)
    public static final class Df8 implements SimulatorProvider {
        @Override
        public String protocol() {
            return NoninDrivers.Df8Driver.NAME;
        }

        @Override
        public SimulatedDevice create(long seed) {
            return new NoninOximeter(8, seed);
        }
    }
}
