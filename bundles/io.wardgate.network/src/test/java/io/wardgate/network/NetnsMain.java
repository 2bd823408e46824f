package io.wardgate.network;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.pipeline.Admission;
import io.wardgate.api.pipeline.DevicePolicy;
import io.wardgate.api.pipeline.ReadingIntake;
import io.wardgate.driver.intellivue.IntelliVueLanDriver;
import io.wardgate.driver.intellivue.sim.LanMonitorRunner;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The two sides of NetnsTest, each run as its own JVM inside a network namespace.
 * {@code gateway SITE-FILE}: the real sources (IntelliVue LAN on 24005, the line protocol on 2575), bound
 * by the real device-side resolution and the kernel's neighbour table, and one misconfigured on the hospital
 * side; prints what it gets and what it tells the policy.
 * {@code monitor ADDRESS BROADCAST}: a simulated IntelliVue that broadcasts its connect indication.
 */
public final class NetnsMain {
    private NetnsMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("gateway")) {
            gateway(Path.of(args[1]));
        } else {
            try (LanMonitorRunner monitor = new LanMonitorRunner(args[1], "DE00000002", new InetSocketAddress(args[2], 24_005))) {
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }

    private static void gateway(Path site) throws Exception {
        ReadingIntake printing = new ReadingIntake() {
            @Override
            public synchronized void submit(DeviceReadings readings) {
                System.out.println("READING " + readings.device().id() + " serial=" + readings.device().serialNumber()
                        + " n=" + readings.readings().size());
            }

            @Override
            public synchronized void report(DeviceEvent event) {
                System.out.println("EVENT " + event.device().id() + " " + event.kind() + " " + event.detail());
            }
        };
        // Prints what the host tells the policy (with the MAC the kernel's neighbour table gives); admits nobody.
        DevicePolicy policy = sighting -> {
            synchronized (printing) {
                System.out.println("SIGHTING " + sighting.identity().id() + " serial=" + sighting.identity().serialNumber()
                        + " mac=" + sighting.detail("mac", "none"));
            }
            return Admission.pending("test");
        };
        NetworkDrivers drivers = NetworkDrivers.of(new IntelliVueLanDriver(), new LineDriver());
        SourceWorker.DeviceSideResolver real = s -> DeviceSide.resolve(s.interfaceName(), s.siteFile());
        SourceWorker lan = worker(IntelliVueLanDriver.NAME, 0, "", site, printing, policy, drivers, real);
        SourceWorker lines = worker("test-lines", 2575, "", site, printing, policy, drivers, real);
        SourceWorker hospital = worker("test-lines", 2576, "wgh0", site, printing, policy, drivers, real);
        for (int i = 0; i < 100 && (lan.bound().isEmpty() || lines.bound().isEmpty() || hospital.problem().isEmpty()); i++) {
            Thread.sleep(100);
        }
        System.out.println("BOUND " + lan.bound().map(Object::toString).orElse("none") + " "
                + lines.bound().map(Object::toString).orElse("none"));
        System.out.println("REFUSED " + hospital.problem());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static SourceWorker worker(String protocol, int port, String nic, Path site, ReadingIntake intake,
            DevicePolicy policy, NetworkDrivers drivers, SourceWorker.DeviceSideResolver resolver) {
        SourceWorker worker = new SourceWorker(new SourceSettings(protocol, port, nic, site, "s", "w", Map.of(), 8,
                262_144, 65_535, Duration.ofSeconds(30)), intake, policy, drivers, resolver, new KernelNeighbours(),
                Clock.systemUTC(), System::nanoTime);
        worker.start();
        return worker;
    }
}
