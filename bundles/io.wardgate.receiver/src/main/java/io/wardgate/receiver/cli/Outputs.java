package io.wardgate.receiver.cli;

import io.wardgate.receiver.FhirTransactionSink;
import io.wardgate.receiver.ReadingSink;
import io.wardgate.receiver.ReceiverKeys;
import io.wardgate.receiver.fhir.FhirServerDelivery;
import io.wardgate.receiver.pcd01.MllpDelivery;
import io.wardgate.receiver.pcd01.Pcd01Messages;
import io.wardgate.receiver.pcd01.Pcd01Sink;
import io.wardgate.receiver.spool.Spool;
import io.wardgate.receiver.spool.SpoolSender;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The receiver's outputs to other systems, from the command line (docs/integration.md):
 * <pre>
 * --pcd01-engine HOST:PORT --pcd01-spool DIR [--pcd01-ca FILE] [--pcd01-ack-timeout-ms N]
 *     [--pcd01-receiving-application NAME] [--pcd01-receiving-facility NAME]
 * --fhir-server URL --fhir-spool DIR [--fhir-ca FILE] [--fhir-token-file FILE] [--fhir-timeout-ms N]
 * </pre>
 * Each output keeps its messages in its spool directory until the destination confirmed them.
 */
final class Outputs implements AutoCloseable {
    static final Spool.Limits LIMITS = new Spool.Limits(1_000_000, 16 << 20);
    static final SpoolSender.Settings RETRY = new SpoolSender.Settings(Duration.ofSeconds(1), Duration.ofMinutes(1), 10);

    private final List<ReadingSink> sinks = new ArrayList<>();
    private final List<SpoolSender> senders = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    static Outputs of(ReceiverMain.Options options) throws IOException, GeneralSecurityException {
        Outputs outputs = new Outputs();
        try {
            if (options.has("--pcd01-engine")) {
                outputs.pcd01(options);
            }
            if (options.has("--fhir-server")) {
                outputs.fhir(options);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            outputs.close();
            throw e;
        }
        return outputs;
    }

    private void pcd01(ReceiverMain.Options options) throws IOException, GeneralSecurityException {
        String engine = options.value("--pcd01-engine", "");
        int colon = engine.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("--pcd01-engine wants HOST:PORT");
        }
        int port = bounded(engine.substring(colon + 1), "--pcd01-engine port", 1, 65535);
        Optional<SSLContext> tls = options.has("--pcd01-ca") ? Optional.of(trusting(options.require("--pcd01-ca")))
                : Optional.empty();
        MllpDelivery delivery = new MllpDelivery(new MllpDelivery.Settings(engine.substring(0, colon), port,
                Duration.ofMillis(bounded(options.value("--pcd01-ack-timeout-ms", "30000"), "--pcd01-ack-timeout-ms", 100,
                        600_000)), tls));
        resources.add(delivery);
        SpoolSender sender = new SpoolSender("pcd01", Spool.open(options.require("--pcd01-spool"), LIMITS), delivery,
                RETRY);
        senders.add(sender);
        sinks.add(new Pcd01Sink(new Pcd01Messages(new Pcd01Messages.Addressing("WardGate",
                options.value("--pcd01-receiving-application", ""), options.value("--pcd01-receiving-facility", ""))),
                sender));
    }

    private void fhir(ReceiverMain.Options options) throws IOException, GeneralSecurityException {
        Optional<SSLContext> tls = options.has("--fhir-ca") ? Optional.of(trusting(options.require("--fhir-ca")))
                : Optional.empty();
        Optional<String> token = options.has("--fhir-token-file")
                ? Optional.of(Files.readString(options.require("--fhir-token-file")).trim()) : Optional.empty();
        FhirServerDelivery delivery = new FhirServerDelivery(new FhirServerDelivery.Settings(
                URI.create(options.value("--fhir-server", "")), Duration.ofMillis(bounded(
                        options.value("--fhir-timeout-ms", "30000"), "--fhir-timeout-ms", 100, 600_000)), tls, token));
        SpoolSender sender = new SpoolSender("fhir", Spool.open(options.require("--fhir-spool"), LIMITS), delivery,
                RETRY);
        senders.add(sender);
        sinks.add(new FhirTransactionSink(sender));
    }

    List<ReadingSink> sinks() {
        return List.copyOf(sinks);
    }

    /** Waits for every spool to empty; the number of messages left (they stay on disk for the next run). */
    int drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int left = 0;
        for (SpoolSender sender : senders) {
            sender.awaitEmpty(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            left += sender.spool().size();
        }
        return left;
    }

    /** Trust exactly the CA certificates in the PEM file (the engine's or server's issuer), TLS 1.3/1.2. */
    static SSLContext trusting(Path caPem) throws IOException, GeneralSecurityException {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        int i = 0;
        for (X509Certificate certificate : ReceiverKeys.certificates(caPem)) {
            anchors.setCertificateEntry("ca-" + i++, certificate);
        }
        if (i == 0) {
            throw new IllegalArgumentException("no certificate in " + caPem);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static int bounded(String text, String name, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number from " + min + " to " + max);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max);
        }
        return value;
    }

    @Override
    public void close() {
        senders.forEach(SpoolSender::close);
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // closing at exit: nothing queued is lost, it is on disk
            }
        }
    }
}
