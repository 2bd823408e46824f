package io.wardgate.deb;

import io.wardgate.testkit.RequiredTools;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S15: the hardware profiles' firewall checks with nft -c, and does what it says in network namespaces. */
class FirewallTest {
    static final Path HARDWARE = Path.of(System.getProperty("wardgate.hardware"));

    @Test
    void theRulesAndTheShippedSiteTemplateCheck(@TempDir Path etc) throws Exception {
        RequiredTools.require("nft -c", "nft");
        Files.copy(HARDWARE.resolve("common/firewall-site.nft"), etc.resolve("firewall-site.nft"));
        RequiredTools.run("nft", "-I", etc.toString(), "-c", "-f", HARDWARE.resolve("common/wardgate.nft").toString());
    }

    @Test
    void inNetworkNamespacesTheDeviceSideIsCutOffAndOnlyAllowedFlowsPass() throws Exception {
        RequiredTools.require("the namespace test", "ip", "nft", "socat");
        String out = RequiredTools.run(HARDWARE.resolve("test/netns-firewall-test.sh").toString(),
                HARDWARE.resolve("common/wardgate.nft").toString(), HARDWARE.resolve("common/firewall-site.nft").toString());
        assertThat(out).contains("ok   control, no rules: device -> hospital broker is routed")
                .contains("ok   device -> hospital broker (forwarding): blocked")
                .contains("ok   outside IT subnet -> gateway HTTPS :8443: blocked")
                .contains("ok   gateway -> broker :8883: allowed")
                .contains("ok   gateway -> NTS-KE tcp/4460 of the NTP server: allowed")
                .contains("ok   hospital -> gateway's device-side address udp/24005: blocked")
                .contains("23 passed, 0 failed");
    }

    @Test
    void theProfileToolPicksTheBoardFromTheDeviceTree(@TempDir Path dir) throws Exception {
        RequiredTools.require("wardgate-profile", "bash");
        for (String[] board : new String[][] {{"Raspberry Pi 4 Model B Rev 1.5", "rpi4"},
                {"Raspberry Pi 5 Model B Rev 1.0", "rpi5"}, {"Raspberry Pi Compute Module 4 Rev 1.1", "rpi4"}}) {
            Path proc = dir.resolve(board[1] + board[0].length());
            Files.createDirectories(proc.resolve("device-tree"));
            Files.writeString(proc.resolve("device-tree/model"), board[0] + "\0");
            ProcessBuilder pb = new ProcessBuilder(HARDWARE.resolve("wardgate-profile").toString(), "detect");
            pb.environment().put("WARDGATE_SHARE", HARDWARE.toString());
            pb.environment().put("WARDGATE_PROC", proc.toString());
            Process p = pb.start();
            assertThat(new String(p.getInputStream().readAllBytes()).strip()).as(board[0]).isEqualTo(board[1]);
        }
        ProcessBuilder arm = new ProcessBuilder(HARDWARE.resolve("wardgate-profile").toString(), "detect");
        arm.environment().put("WARDGATE_SHARE", HARDWARE.toString());
        arm.environment().put("WARDGATE_PROC", dir.resolve("none").toString());
        arm.environment().put("WARDGATE_ARCH", "aarch64");
        assertThat(new String(arm.start().getInputStream().readAllBytes()).strip()).isEqualTo("generic-arm64");
    }
}
