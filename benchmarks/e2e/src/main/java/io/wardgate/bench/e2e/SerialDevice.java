package io.wardgate.bench.e2e;

import io.wardgate.api.driver.Decoded;
import io.wardgate.api.sim.SimulatedDevice;
import io.wardgate.sim.Conversation;
import io.wardgate.sim.Discovered;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One simulated serial device of the benchmark ward, probed the way the demo does (a twin talks to the
 * protocol session in memory) so the allowlist approves exactly its identity and metrics.
 */
record SerialDevice(String protocol, String bed, int baudRate, long seed, String model, String serialNumber,
        Set<Integer> metrics) {

    /** The demo's three devices, in this order. */
    static final List<String[]> WARD = List.of(new String[] {"intellivue", "ser-1", "115200", "11"},
            new String[] {"masimo", "ser-2", "9600", "12"}, new String[] {"nonin-df8", "ser-3", "9600", "13"});

    static SerialDevice probe(String[] spec) {
        String protocol = spec[0];
        long seed = Long.parseLong(spec[3]);
        Conversation twin = Conversation.run(Discovered.serialDriver(protocol).orElseThrow().openSession(), simulator(protocol, seed),
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
        return new SerialDevice(protocol, spec[1], Integer.parseInt(spec[2]), seed, model, serial, Set.copyOf(metrics));
    }

    static SimulatedDevice simulator(String protocol, long seed) {
        return Discovered.simulator(protocol, seed).orElseThrow();
    }
}
