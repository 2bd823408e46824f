package io.wardgate.bench.nodered;

import io.wardgate.bench.e2e.SerialWard;
import io.wardgate.testkit.Issued;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * Node-RED doing the same job: one flow per port ("serial in" from node-red-node-serialport, a
 * function node stamping the reception time, "mqtt out" QoS 1 over mutual TLS with its own client
 * certificate from the ward's CA, publishing where the broker's rights let a gateway named by its
 * certificate write: wardgate/site/ward/node-red/...). The subscriber takes each line's latency from that stamp to its
 * arrival, the same span WardGate's figure covers (reception at the gateway to arrival at the backend).
 */
final class NodeRed {
    private NodeRed() {
    }

    static SerialWard.Figures measure(SerialWard ward, Path nodeRedHome, Path settings, Path dir, int warmUpSeconds,
            int seconds) throws Exception {
        Path run = Files.createDirectories(dir.resolve("node-red"));
        Issued client = ward.client("node-red");
        Path cert = client.writeCertificatePem(run.resolve("client.pem"));
        Path key = client.writeKeyPem(run.resolve("client.key"));
        Path flows = run.resolve("flows.json");
        Files.writeString(flows, flows(ward, cert, key), StandardCharsets.UTF_8);
        List<long[]> latencies = new ArrayList<>();
        AtomicLong first = new AtomicLong();
        MqttClient subscriber = ward.subscriber("compare-node-red");
        // The array form: Paho 1.2.5's subscribe(String, int, listener) calls itself forever.
        subscriber.subscribe(new MqttSubscription[] {new MqttSubscription("wardgate/+/+/node-red/#", 1)},
                new IMqttMessageListener[] {(topic, message) -> {
            long now = System.currentTimeMillis();
            String text = new String(message.getPayload(), StandardCharsets.US_ASCII);
            long stamp = Long.parseLong(text.substring(0, text.indexOf(' ')));
            first.compareAndSet(0, now);
            synchronized (latencies) {
                latencies.add(new long[] {stamp, now - stamp});
            }
        }});
        Path log = run.resolve("node-red.log");
        List<String> command = List.of("node", nodeRedHome.resolve("node_modules/node-red/red.js").toString(),
                "--userDir", nodeRedHome.toString(), "--settings", settings.toString(), flows.toString());
        long started = System.currentTimeMillis();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (first.get() == 0) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Node-RED forwarded nothing; see " + log);
                }
                Thread.sleep(10);
            }
            double startup = (first.get() - started) / 1000.0;
            Thread.sleep(warmUpSeconds * 1000L);
            long from = System.currentTimeMillis();
            long cpu = Proc.cpuTicks(process.pid());
            Thread.sleep(seconds * 1000L);
            long to = System.currentTimeMillis();
            long cpuEnd = Proc.cpuTicks(process.pid());
            long rss = Proc.statusKib(process.pid(), "VmRSS");
            long hwm = Proc.statusKib(process.pid(), "VmHWM");
            Thread.sleep(2000);
            long[] window;
            synchronized (latencies) {
                window = latencies.stream().filter(l -> l[0] >= from && l[0] < to).mapToLong(l -> l[1]).sorted().toArray();
            }
            return new SerialWard.Figures("Node-RED", startup, window.length, quantile(window, 0.50),
                    quantile(window, 0.99), window.length == 0 ? Double.NaN : window[window.length - 1],
                    100.0 * (cpuEnd - cpu) / Proc.USER_HZ / ((to - from) / 1000.0), rss, hwm);
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            subscriber.disconnect();
            subscriber.close();
        }
    }

    private static double quantile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, index)];
    }

    /** The flow: a TLS config, a broker config, and serial in, stamp, mqtt out per port. */
    static String flows(SerialWard ward, Path cert, Path key) throws IOException {
        String url = ward.brokerUrl();
        int brokerPort = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        List<String> nodes = new ArrayList<>();
        nodes.add("{\"id\":\"tab\",\"type\":\"tab\",\"label\":\"ward\"}");
        nodes.add("{\"id\":\"tls\",\"type\":\"tls-config\",\"name\":\"ward-ca\",\"cert\":" + quote(cert) + ",\"key\":"
                + quote(key) + ",\"ca\":" + quote(ward.caPem()) + ",\"certname\":\"\",\"keyname\":\"\",\"caname\":\"\","
                + "\"servername\":\"localhost\",\"verifyservercert\":true,\"alpnprotocol\":\"\"}");
        nodes.add("{\"id\":\"broker\",\"type\":\"mqtt-broker\",\"name\":\"mosquitto\",\"broker\":\"localhost\",\"port\":\""
                + brokerPort + "\",\"tls\":\"tls\",\"clientid\":\"node-red-gateway\",\"autoConnect\":true,\"usetls\":true,"
                + "\"protocolVersion\":\"4\",\"keepalive\":\"60\",\"cleansession\":true,\"autoUnsubscribe\":true}");
        int i = 0;
        for (Path port : ward.ports()) {
            String bed = port.getFileName().toString();
            String n = String.valueOf(++i);
            nodes.add("{\"id\":\"port" + n + "\",\"type\":\"serial-port\",\"name\":\"" + bed + "\",\"serialport\":"
                    + quote(port) + ",\"serialbaud\":\"9600\",\"databits\":\"8\",\"parity\":\"none\",\"stopbits\":\"1\","
                    + "\"waitfor\":\"\",\"dtr\":\"none\",\"rts\":\"none\",\"cts\":\"none\",\"dsr\":\"none\","
                    + "\"newline\":\"\\\\n\",\"bin\":\"false\",\"out\":\"char\",\"addchar\":\"\",\"responsetimeout\":\"10000\"}");
            nodes.add("{\"id\":\"in" + n + "\",\"type\":\"serial in\",\"z\":\"tab\",\"name\":\"\",\"serial\":\"port" + n
                    + "\",\"wires\":[[\"stamp" + n + "\"]]}");
            nodes.add("{\"id\":\"stamp" + n + "\",\"type\":\"function\",\"z\":\"tab\",\"name\":\"stamp\",\"func\":"
                    + "\"msg.payload = Date.now() + ' ' + msg.payload;\\nreturn msg;\",\"outputs\":1,"
                    + "\"wires\":[[\"out" + n + "\"]]}");
            nodes.add("{\"id\":\"out" + n + "\",\"type\":\"mqtt out\",\"z\":\"tab\",\"name\":\"\",\"topic\":\"wardgate/bench-hospital/icu-1/node-red/vitals/"
                    + bed + "\",\"qos\":\"1\",\"retain\":\"false\",\"broker\":\"broker\",\"wires\":[]}");
        }
        return "[" + String.join(",\n", nodes) + "]\n";
    }

    private static String quote(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
