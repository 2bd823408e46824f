package io.wardgate.demo;

import io.wardgate.api.driver.LineSettings;
import io.wardgate.seal.identity.IdentityStore;
import io.wardgate.testkit.Issued;
import io.wardgate.testkit.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an installer and an IT department would give a new gateway: its certificate (from its own
 * CSR), the trust anchors, the backend's key, and configuration files for ports, allowlist and uplink.
 */
final class GatewayFiles {
    static final String GATEWAY_ID = "wg-demo-0001";
    static final String SITE = "demo-hospital";
    static final String WARD = "icu-1";
    static final String BACKEND_KEY_ID = "backend";

    private GatewayFiles() {
    }

    /** First start, done ahead: the gateway's key is made in its own key directory and never leaves it. */
    static void enroll(Path data, TestPki ca, Issued backend) throws IOException {
        IdentityStore store = IdentityStore.open(data.resolve("identity"), GATEWAY_ID, new SecureRandom(),
                Clock.systemUTC());
        store.installTrustAnchors(List.of(ca.caCertificate()));
        store.installCertificateChain(ca.signRequest(store.certificateSigningRequest(), GATEWAY_ID));
        store.installBackendKey(BACKEND_KEY_ID, backend.certificate());
    }

    static void configure(Path conf, Path dev, List<DemoDevice> devices, String brokerUrl, Path trustAnchors,
            List<String> networkEntries) throws IOException {
        Files.createDirectories(conf);
        write(conf, "io.wardgate.seal.Identity.config", "gatewayId=\"" + GATEWAY_ID + "\"\n");
        write(conf, "io.wardgate.seal.Sealer.config",
                "backendKeyId=\"" + BACKEND_KEY_ID + "\"\nbatchMaxMillis=L\"1000\"\n");
        write(conf, "io.wardgate.audit.AuditTrail.config",
                "gatewayId=\"" + GATEWAY_ID + "\"\nlocation=\"" + SITE + "/" + WARD + "\"\n");
        write(conf, "io.wardgate.uplink.Uplink.config", "brokerUrls=[\"" + brokerUrl + "\"]\nsite=\"" + SITE
                + "\"\nward=\"" + WARD + "\"\ntrustAnchorsPath=\"" + trustAnchors + "\"\n"
                // The demo machine's clock may not be NTP-synchronised (a container, a VM): readings go out at
                // once, and the receiver flags their times TIME_UNVERIFIED while it is not.
                + "clockWaitMinutes=I\"0\"\n");
        write(conf, "io.wardgate.policy.Allowlist.config",
                "allowlist=\"" + escape(allowlist(dev, devices, networkEntries)) + "\"\n");
        for (DemoDevice device : devices) {
            write(conf, "io.wardgate.serial.Port-" + device.bed() + ".config",
                    "path=\"" + dev.resolve(device.bed()) + "\"\nprotocol=\"" + device.protocol() + "\"\n"
                            + lineSettings(device.line()) + "site=\"" + SITE + "\"\nward=\"" + WARD + "\"\nbed=\""
                            + device.bed() + "\"\n");
        }
    }

    /** One device group for the demo ward, and each device approved by the installer. */
    static String allowlist(Path dev, List<DemoDevice> devices, List<String> networkEntries) {
        String metrics = devices.stream().flatMap(d -> d.metrics().stream()).distinct().sorted()
                .map(String::valueOf).collect(Collectors.joining(","));
        String entries = devices.stream().map(d -> "{\"group\":\"demo-ward\",\"transport\":\"serial\",\"address\":\""
                + dev.resolve(d.bed()) + "\",\"model\":\"" + d.model() + "\",\"serialNumber\":\"" + d.serialNumber()
                + "\",\"approvedBy\":\"user:demo-installer\"}").collect(Collectors.joining(","))
                + networkEntries.stream().map(entry -> "," + entry).collect(Collectors.joining());
        return "{\"format\":\"wardgate-allowlist/1\",\"groups\":[{\"name\":\"demo-ward\",\"metrics\":[" + metrics
                + "],\"maxReadingsPerSecond\":200,\"burst\":400,\"bondingRequired\":false,\"topicSuffix\":\"vitals\","
                + "\"backendKeyId\":\"" + BACKEND_KEY_ID + "\",\"priority\":5}],\"devices\":[" + entries
                + "],\"denied\":[]}";
    }

    /** The port's line settings, as the driver says the device speaks them. */
    private static String lineSettings(LineSettings line) {
        return "baudRate=I\"" + line.baudRate() + "\"\ndataBits=I\"" + line.dataBits() + "\"\nparity=\"" + line.parity()
                + "\"\nstopBits=\"" + line.stopBits() + "\"\nflowControl=\"" + line.flowControl() + "\"\n";
    }

    private static String escape(String json) {
        return json.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void write(Path dir, String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
