package io.wardgate.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.testkit.RequiredTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real host in network namespaces with the hardware profile's nftables rules loaded (topology of
 * hardware/test/netns-firewall-test.sh): gateway (hospital side wgh0 198.18.1.1, device side wgd0
 * 198.18.2.1), a hospital namespace and a device namespace. A simulated IntelliVue broadcasts its connect
 * indication on the device subnet and is associated and read; a line-protocol peer on the device side is
 * served; the same listener is unreachable from the hospital side; a source configured on the hospital
 * interface refuses to start; the monitor's real MAC address (the veth peer's) reaches the policy.
 */
class NetnsTest {
    private final String id = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999));
    private final String gw = "wgnm-gw-" + id;
    private final String hosp = "wgnm-hosp-" + id;
    private final String dev = "wgnm-dev-" + id;
    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path etc;

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        for (String ns : List.of(gw, hosp, dev)) {
            new ProcessBuilder("ip", "netns", "del", ns).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void servesTheDeviceSideOnlyWithTheProfilesRules() throws Exception {
        RequiredTools.require("the namespace test", "ip", "nft", "socat");
        Path hardware = Path.of(System.getProperty("user.dir")).resolve("../../hardware").normalize();
        topology();
        Path site = etc.resolve("firewall-site.nft");
        // The shipped template with this topology's values (those of hardware/test/netns-firewall-test.sh).
        Map<String, String> values = new TreeMap<>(Map.of("hospital_if", "\"wgh0\"", "device_if", "\"wgd0\"",
                "it_subnet", "{ 198.18.1.0/29 }", "brokers", "{ 198.18.1.2 }", "ntp_servers", "{ 198.18.1.3 }",
                "syslog_servers", "{ 198.18.1.4 }", "dns_servers", "{ 198.18.1.5 }"));
        values.putAll(Map.of("device_subnet", "{ 198.18.2.0/24 }", "device_ports", "{ 24105 }",
                "device_udp_listen", "{ 24005 }", "device_tcp_listen", "{ 2575 }", "device_udp_ports", "{ 24105 }"));
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(hardware.resolve("common/firewall-site.nft"))) {
            String[] define = line.split("\\s+", 3);
            String value = define.length == 3 && define[0].equals("define") ? values.get(define[1]) : null;
            text.append(value == null ? line : "define " + define[1] + " = " + value).append('\n');
        }
        Files.writeString(site, text);
        RequiredTools.run("ip", "netns", "exec", gw, "nft", "-I", etc.toString(), "-f",
                hardware.resolve("common/wardgate.nft").toString());

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Path gatewayOut = etc.resolve("gateway.out");
        processes.add(new ProcessBuilder("ip", "netns", "exec", gw, java, "-cp", cp, NetnsMain.class.getName(),
                "gateway", site.toString()).redirectErrorStream(true).redirectOutput(gatewayOut.toFile()).start());
        await().atMost(Duration.ofSeconds(30)).until(() -> read(gatewayOut).contains("REFUSED "));
        assertThat(read(gatewayOut)).contains("BOUND /198.18.2.1:24005 /198.18.2.1:2575")
                .contains("REFUSED refusing to listen on wgh0: it is the hospital-side interface");

        processes.add(new ProcessBuilder("ip", "netns", "exec", dev, java, "-cp", cp, NetnsMain.class.getName(),
                "monitor", "198.18.2.2", "198.18.2.255").redirectErrorStream(true)
                .redirectOutput(etc.resolve("monitor.out").toFile()).start());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(read(gatewayOut))
                .contains("EVENT net:198.18.2.2 CONNECTED connect indication from 198.18.2.2")
                .containsPattern("READING net:198.18.2.2 serial=DE00000002 n=[1-9]"));

        // The veth peer's real MAC address, from the kernel's neighbour table, goes to the policy with the identity.
        String mac = RequiredTools.run("ip", "-n", dev, "-br", "link", "show", "wgd1").trim().split("\\s+")[2];
        assertThat(mac).matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(read(gatewayOut))
                .contains("SIGHTING net:198.18.2.2 serial=DE00000002 mac=" + mac));

        assertThat(socat(dev, "TCP:198.18.2.1:2575,connect-timeout=2", "HR 71")).isEqualTo("OK");
        assertThat(read(gatewayOut)).contains("READING net:198.18.2.2 serial= n=1");
        assertThat(socat(hosp, "TCP:198.18.2.1:2575,connect-timeout=2,bind=198.18.1.2", "HR 72"))
                .as("the listener is unreachable from the hospital side").isEmpty();
        assertThat(socat(hosp, "TCP:198.18.1.1:2575,connect-timeout=2,bind=198.18.1.2", "HR 73")).isEmpty();
        assertThat(read(gatewayOut)).doesNotContain("198.18.1.");
    }

    private void topology() throws Exception {
        for (String ns : List.of(gw, hosp, dev)) {
            RequiredTools.run("ip", "netns", "add", ns);
            RequiredTools.run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        RequiredTools.run("ip", "link", "add", "wgh0", "netns", gw, "type", "veth", "peer", "name", "wgh1", "netns", hosp);
        RequiredTools.run("ip", "link", "add", "wgd0", "netns", gw, "type", "veth", "peer", "name", "wgd1", "netns", dev);
        RequiredTools.run("ip", "-n", gw, "addr", "add", "198.18.1.1/24", "dev", "wgh0");
        RequiredTools.run("ip", "-n", gw, "addr", "add", "198.18.2.1/24", "brd", "198.18.2.255", "dev", "wgd0");
        RequiredTools.run("ip", "-n", hosp, "addr", "add", "198.18.1.2/24", "dev", "wgh1");
        RequiredTools.run("ip", "-n", dev, "addr", "add", "198.18.2.2/24", "brd", "198.18.2.255", "dev", "wgd1");
        for (String[] link : new String[][] {{gw, "wgh0"}, {gw, "wgd0"}, {hosp, "wgh1"}, {dev, "wgd1"}}) {
            RequiredTools.run("ip", "-n", link[0], "link", "set", link[1], "up");
        }
        RequiredTools.run("ip", "-n", hosp, "route", "add", "198.18.2.0/24", "via", "198.18.1.1");
        RequiredTools.run("ip", "-n", dev, "route", "add", "default", "via", "198.18.2.1");
    }

    /** Sends one line from a namespace; the answer's first line, empty when nothing answered. */
    private static String socat(String ns, String address, String line) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns, "timeout", "5", "socat", "-T2", "-", address)
                .redirectErrorStream(false).start();
        p.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().flush();
        byte[] answer = p.getInputStream().readNBytes(3);
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
        return new String(answer, StandardCharsets.US_ASCII).strip();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
