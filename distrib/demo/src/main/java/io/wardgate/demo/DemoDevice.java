package io.wardgate.demo;

import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.LineSettings;
import io.wardgate.api.driver.SerialDriver;
import io.wardgate.api.sim.SimulatedDevice;
import io.wardgate.sim.Conversation;
import io.wardgate.sim.Discovered;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * One simulated bedside device of the demo ward: its protocol, bed, and what it will report about
 * itself (identity and metrics), learned by letting a twin talk to the protocol session in memory,
 * so the allowlist the demo writes approves exactly what the device sends.
 */
record DemoDevice(String protocol, String bed, LineSettings line, long seed, String model, String serialNumber,
        Set<Integer> metrics) {

    /** The device on its driver's own line settings (the port is configured as an installer would). */
    static DemoDevice probe(String protocol, String bed, long seed) {
        SerialDriver driver = Discovered.serialDriver(protocol).orElseThrow();
        Conversation twin = Conversation.run(driver.openSession(), simulator(protocol, seed),
                Instant.now(), Duration.ofSeconds(20), Duration.ofMillis(10));
        String model = "";
        String serial = "";
        Set<Integer> metrics = new TreeSet<>();
        for (Decoded item : twin.decoded()) {
            if (item instanceof Decoded.IdentityDecoded id) {
                model = id.model();
                serial = id.serialNumber();
            } else if (item instanceof Decoded.ReadingDecoded reading) {
                metrics.add(reading.reading().metric().mdcCode());
            }
        }
        if (metrics.isEmpty()) {
            throw new IllegalStateException("the " + protocol + " simulator produced no readings");
        }
        return new DemoDevice(protocol, bed, driver.line(), seed, model, serial, metrics);
    }

    static SimulatedDevice simulator(String protocol, long seed) {
        return Discovered.simulator(protocol, seed)
                .orElseThrow(() -> new IllegalArgumentException("no simulator for " + protocol));
    }
}
