package io.wardgate.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel's neighbour table as text: /proc/net/arp and {@code ip -6 neigh show} lines. */
class KernelNeighboursTest {
    static final String ARP = """
            IP address       HW type     Flags       HW address            Mask     Device
            198.18.2.2       0x1         0x2         02:AB:cd:00:00:02     *        wgd0
            198.18.2.3       0x1         0x0         00:00:00:00:00:00     *        wgd0
            198.18.2.4       0x1         0x2         02:ab:cd:00:00:04     *        eth0
            198.18.2.5       0x1         0x6         02:ab:cd:00:00:05     *        wgd0
            198.18.2.6       0x1         0x2         not-a-mac             *        wgd0
            """;

    @TempDir
    Path dir;

    @Test
    void completeEntriesOnTheInterfaceOnly() {
        assertThat(KernelNeighbours.fromArp(ARP, "198.18.2.2", "wgd0")).hasValue("02:ab:cd:00:00:02");
        assertThat(KernelNeighbours.fromArp(ARP, "198.18.2.3", "wgd0")).as("incomplete").isEmpty();
        assertThat(KernelNeighbours.fromArp(ARP, "198.18.2.4", "wgd0")).as("another interface").isEmpty();
        assertThat(KernelNeighbours.fromArp(ARP, "198.18.2.5", "wgd0")).as("permanent").hasValue("02:ab:cd:00:00:05");
        assertThat(KernelNeighbours.fromArp(ARP, "198.18.2.6", "wgd0")).as("garbage").isEmpty();
        assertThat(KernelNeighbours.fromArp(ARP, "198.18.2.22", "wgd0")).isEmpty();
        assertThat(KernelNeighbours.fromArp("", "198.18.2.2", "wgd0")).isEmpty();
    }

    @Test
    void ipNeighLines() {
        assertThat(KernelNeighbours.fromIpNeigh("fd00::2 lladdr 02:AB:CD:00:00:02 REACHABLE\n"))
                .hasValue("02:ab:cd:00:00:02");
        assertThat(KernelNeighbours.fromIpNeigh("fd00::1 FAILED\n")).isEmpty();
        assertThat(KernelNeighbours.fromIpNeigh("fd00::3 INCOMPLETE\n")).isEmpty();
        assertThat(KernelNeighbours.fromIpNeigh("")).isEmpty();
    }

    @Test
    void readsTheTableFile() throws Exception {
        Path arp = Files.writeString(dir.resolve("arp"), ARP);
        KernelNeighbours table = new KernelNeighbours(arp);
        assertThat(table.macOf(InetAddress.getByName("198.18.2.2"), "wgd0")).hasValue("02:ab:cd:00:00:02");
        assertThat(new KernelNeighbours(dir.resolve("missing")).macOf(InetAddress.getByName("198.18.2.2"), "wgd0"))
                .as("an unreadable table gives no MAC, never an exception").isEmpty();
    }
}
