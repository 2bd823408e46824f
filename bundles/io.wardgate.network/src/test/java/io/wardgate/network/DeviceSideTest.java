package io.wardgate.network;

import io.wardgate.testkit.RecordingIntake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which address a source may bind: the device side's own, never a wildcard or a hospital-side one. */
class DeviceSideTest {
    @TempDir
    Path dir;

    private Path site(String device, String hospital) throws IOException {
        Path file = dir.resolve("firewall-site.nft");
        Files.writeString(file, "# site\ndefine hospital_if = \"" + hospital + "\"\ndefine device_if = \"" + device
                + "\"\ndefine it_subnet = { 192.0.2.0/26 }\n");
        return file;
    }

    @Test
    void takesTheDeviceSideInterfaceFromTheSiteFile() throws Exception {
        DeviceSide side = DeviceSide.resolve("", site("lo", "wg-no-such0"));
        assertThat(side.interfaceName()).isEqualTo("lo");
        assertThat(side.address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(side.onSubnet(InetAddress.getByName("127.1.2.3"))).isTrue();
        assertThat(side.onSubnet(InetAddress.getByName("192.0.2.1"))).isFalse();
    }

    @Test
    void refusesTheHospitalSideInterface() throws Exception {
        Path file = site("wg-no-such0", "lo");
        assertThatThrownBy(() -> DeviceSide.resolve("lo", file)).isInstanceOf(IOException.class)
                .hasMessageContaining("refusing to listen on lo: it is the hospital-side interface");
    }

    @Test
    void refusesWildcardAndHospitalSideAddresses() throws Exception {
        assertThatThrownBy(() -> DeviceSide.check(InetAddress.getByName("0.0.0.0"), "eth1", List.of()))
                .hasMessageContaining("wildcard");
        assertThatThrownBy(() -> DeviceSide.check(InetAddress.getByName("::"), "eth1", List.of()))
                .hasMessageContaining("wildcard");
        InetAddress shared = InetAddress.getByName("192.0.2.9");
        assertThatThrownBy(() -> DeviceSide.check(shared, "eth1", List.of(shared)))
                .hasMessageContaining("the hospital-side interface has that address");
    }

    @Test
    void saysWhatIsMissing() throws Exception {
        assertThatThrownBy(() -> DeviceSide.resolve("", dir.resolve("absent.nft")))
                .hasMessageContaining("is missing: run wardgate-profile apply");
        assertThatThrownBy(() -> DeviceSide.resolve("wg-no-such0", site("lo", "eth0")))
                .hasMessageContaining("wg-no-such0 does not exist");
        assertThatThrownBy(() -> DeviceSide.resolve("", site("eth9", "eth9")))
                .hasMessageContaining("both the device and the hospital side");
    }

    @Test
    void aSourceOnTheHospitalSideDoesNotServeAndSaysWhy() throws Exception {
        Path file = site("wg-no-such0", "lo");
        SourceSettings settings = new SourceSettings("test-lines", Sources.freeTcpPort(), "lo", file, "s", "w",
                java.util.Map.of(), 4, 4096, 4096, java.time.Duration.ofSeconds(30));
        SourceWorker worker = new SourceWorker(settings, new RecordingIntake(), NetworkDrivers.of(new LineDriver()),
                s -> DeviceSide.resolve(s.interfaceName(), s.siteFile()), java.time.Clock.systemUTC(), System::nanoTime);
        worker.run(); // on this thread: it returns once it refused
        assertThat(worker.bound()).isEmpty();
        assertThat(worker.problem()).contains("hospital-side interface");
    }
}
