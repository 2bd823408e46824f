package io.wardgate.demo;

import io.wardgate.driver.intellivue.sim.LanMonitorRunner;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo's networked bed: a simulated IntelliVue exporting over LAN (UDP) from 127.0.0.16, served by
 * a network source on the loopback interface, which the demo's own site file names as the device side.
 *
 * @param device what the monitor reports (the same MP70 the serial IntelliVue of that seed is)
 * @param address its IP address
 */
record NetworkedMonitor(DemoDevice device, String address) {
    static final String BED = "bed-6";

    static NetworkedMonitor probe() {
        return new NetworkedMonitor(DemoDevice.probe("intellivue", BED, 16), "127.0.0.16");
    }

    /** Writes the site file and the source's configuration; returns the connect-indication port. */
    int configure(Path conf, Path dir) throws IOException {
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            port = probe.getLocalPort();
        }
        Path site = Files.writeString(dir.resolve("firewall-site.nft"),
                "define hospital_if = \"wg-demo-none\"\ndefine device_if = \"lo\"\n", StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("io.wardgate.network.Source-" + BED + ".config"), "protocol=\"intellivue-lan\"\n"
                + "port=I\"" + port + "\"\nsiteFile=\"" + site + "\"\nsite=\"" + GatewayFiles.SITE + "\"\nward=\""
                + GatewayFiles.WARD + "\"\nbeds=[\"" + address + "=" + BED + "\"]\n", StandardCharsets.UTF_8);
        return port;
    }

    LanMonitorRunner start(int port) throws IOException {
        return new LanMonitorRunner(address, device.serialNumber(), new InetSocketAddress("127.0.0.1", port));
    }

    /** Its allowlist entry: the device-side address with the identity it reports. */
    String allowlistEntry() {
        return "{\"group\":\"demo-ward\",\"transport\":\"net\",\"address\":\"" + address + "\",\"model\":\""
                + device.model() + "\",\"serialNumber\":\"" + device.serialNumber()
                + "\",\"approvedBy\":\"user:demo-installer\"}";
    }
}
