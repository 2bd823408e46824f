package io.wardgate.receiver.cli;

import io.wardgate.receiver.CaSignerCheck;
import io.wardgate.receiver.Deduplicator;
import io.wardgate.receiver.GatewayClocks;
import io.wardgate.receiver.JournalDeduplicator;
import io.wardgate.receiver.FhirObservationSink;
import io.wardgate.receiver.JsonLinesSink;
import io.wardgate.receiver.ReadingSink;
import io.wardgate.receiver.Receiver;
import io.wardgate.receiver.ReceiverKeys;
import io.wardgate.receiver.WindowDeduplicator;
import io.wardgate.receiver.mqtt.PahoSubscriber;
import io.wardgate.receiver.mqtt.TlsContexts;
import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.shared.tls.RevocationChecker;
import io.wardgate.shared.tls.RevocationSettings;
import io.wardgate.shared.tls.TlsPolicy;
import io.wardgate.seal.envelope.OpenResult;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The backend command line:
 * <pre>
 * receiver open      [common options] FILE...     envelopes from files (one envelope per file)
 * receiver subscribe [common options] --broker ssl://host:8883 --client-id ID
 *                    --client-p12 FILE --client-password-file FILE --broker-ca FILE
 *                    [--topic wardgate/+/+/+/+/+] [--share-group GROUP]
 * common: --backend-key KEYID=FILE (repeatable) --gateway-ca FILE [--gateway-certs FILE] [--crl FILE]
 *         [--format json|fhir] [--out FILE] [--window N] [--max-streams N] [--dedup-journal FILE]
 *         [--outage-allowance-hours H] [--clock-notes FILE]
 *         [outputs to other systems: --pcd01-engine HOST:PORT --pcd01-spool DIR ..., --fhir-server URL
 *          --fhir-spool DIR ...; see {@link Outputs}]
 * TLS and revocation: [--crl-cache DIR] [--revocation-grace-hours N] [--revocation off] [--tls12 allow]
 * </pre>
 * Revocation (gateway signer certificates and the broker's) is checked by default; {@code --revocation off}
 * is the explicit opt-out and is reported on standard error at every start.
 * Exit status: 0 when every envelope was accepted (open) or on orderly stop (subscribe), 1 on a
 * usage or configuration error, 2 when an envelope was rejected (open).
 */
public final class ReceiverMain {
    private ReceiverMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream stdout, PrintStream stderr) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            stderr.println("receiver: " + e.getMessage());
            stderr.println(Options.USAGE);
            return 1;
        }
        if (!revocationSettings(options).enabled()) {
            stderr.println("receiver: WARNING: certificate revocation checking is off (--revocation off)");
        }
        Writer out = options.out == null
                ? new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(options.out, StandardCharsets.UTF_8);
        try (out) {
            Receiver receiver;
            Outputs outputs;
            try {
                outputs = Outputs.of(options);
                receiver = receiver(options, out, outputs.sinks());
            } catch (java.io.IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
                stderr.println("receiver: configuration error: " + e);
                return 1;
            }
            if (options.command.equals("open")) {
                int status = 0;
                for (Path file : options.files) {
                    OpenResult result = receiver.receive(null, Files.readAllBytes(file));
                    if (result instanceof OpenResult.Rejected rejected) {
                        stderr.println(file + ": rejected, " + rejected.reason() + ": " + rejected.detail());
                        status = 2;
                    }
                }
                int left = outputs.drain(java.time.Duration.ofSeconds(30));
                if (left > 0) {
                    stderr.println("receiver: " + left + " message(s) not yet confirmed; kept in the spool for the next run");
                }
                outputs.close();
                return status;
            }
            char[] password = Files.readString(options.require("--client-password-file")).trim().toCharArray();
            PahoSubscriber.Settings settings = new PahoSubscriber.Settings(options.value("--broker", ""),
                    options.value("--client-id", ""), options.value("--topic", PahoSubscriber.ENVELOPE_FILTER),
                    options.value("--share-group", ""), TlsContexts.socketFactory(options.require("--client-p12"),
                            password, options.require("--broker-ca"), revocation(options),
                            new TlsPolicy(options.value("--tls12", "").equals("allow"))));
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            try (PahoSubscriber subscriber = new PahoSubscriber(settings)) {
                subscriber.start((topic, payload) -> receiver.receive(topic, payload));
                stop.await();
            }
            outputs.close();
            return 0;
        }
    }

    static Receiver receiver(Options options, Writer out, List<ReadingSink> outputs) throws Exception {
        Map<String, PrivateKey> keys = ReceiverKeys.backendKeys(options.all("--backend-key"));
        List<X509Certificate> known = options.has("--gateway-certs")
                ? ReceiverKeys.certificates(options.require("--gateway-certs")) : List.of();
        List<X509CRL> crls = options.has("--crl") ? ReceiverKeys.crls(options.require("--crl")) : List.of();
        CaSignerCheck trust = new CaSignerCheck(ReceiverKeys.certificates(options.require("--gateway-ca")), known,
                new RevocationChecker(revocationSettings(options), crls, Clock.systemUTC()), Clock.systemUTC(),
                Duration.ofHours(Long.parseLong(options.value("--outage-allowance-hours",
                        String.valueOf(CaSignerCheck.DEFAULT_OUTAGE_ALLOWANCE.toHours())))));
        ReadingSink sink = options.value("--format", "json").equals("fhir") ? new FhirObservationSink(out)
                : new JsonLinesSink(out);
        List<ReadingSink> sinks = new ArrayList<>(List.of(sink));
        sinks.addAll(outputs);
        WindowDeduplicator window = new WindowDeduplicator(Integer.parseInt(options.value("--window", "1024")),
                Integer.parseInt(options.value("--max-streams", "100000")));
        // A journal keeps de-duplication across restarts (security review finding 8).
        Deduplicator deduplicator = options.has("--dedup-journal")
                ? new JournalDeduplicator(window, options.require("--dedup-journal"), 1_000_000) : window;
        // Clock notes survive a restart when kept in a file: given, or beside the journal (docs/envelope.md).
        Path notes = options.has("--clock-notes") ? options.require("--clock-notes")
                : options.has("--dedup-journal") ? options.require("--dedup-journal").resolveSibling(
                        options.require("--dedup-journal").getFileName() + ".clock-notes") : null;
        return new Receiver(new EnvelopeOpener(keys, trust), deduplicator, sinks,
                notes == null ? new GatewayClocks() : GatewayClocks.persistent(notes));
    }

    /** Revocation as the options say: on (CRLs cached in --crl-cache, else in memory) unless --revocation off. */
    static RevocationSettings revocationSettings(Options options) {
        if (options.value("--revocation", "on").equals("off")) {
            return RevocationSettings.off();
        }
        RevocationSettings settings = options.has("--crl-cache") ? RevocationSettings.defaults(
                options.require("--crl-cache")) : RevocationSettings.inMemory();
        return settings.withGrace(Duration.ofHours(Long.parseLong(options.value("--revocation-grace-hours", "24"))));
    }

    private static RevocationChecker revocation(Options options) {
        return new RevocationChecker(revocationSettings(options), List.of(), Clock.systemUTC());
    }

    /** Parsed command line. */
    static final class Options {
        static final String USAGE = "usage: receiver open|subscribe --backend-key KEYID=FILE --gateway-ca FILE "
                + "[--gateway-certs FILE] [--crl FILE] [--format json|fhir] [--out FILE] ... (see docs/envelope.md)";
        final String command;
        final Map<String, List<String>> values = new HashMap<>();
        final List<Path> files = new ArrayList<>();
        Path out;

        private Options(String command) {
            this.command = command;
        }

        static Options parse(String[] args) {
            if (args.length == 0 || !(args[0].equals("open") || args[0].equals("subscribe"))) {
                throw new IllegalArgumentException("first argument must be open or subscribe");
            }
            Options options = new Options(args[0]);
            for (int i = 1; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(args[i] + " needs a value");
                    }
                    options.values.computeIfAbsent(args[i], k -> new ArrayList<>()).add(args[++i]);
                } else {
                    options.files.add(Path.of(args[i]));
                }
            }
            if (options.has("--out")) {
                options.out = options.require("--out");
            }
            if (!List.of("on", "off").contains(options.value("--revocation", "on"))
                    || !options.value("--revocation-grace-hours", "24").matches("[0-9]{1,3}")
                    || Long.parseLong(options.value("--revocation-grace-hours", "24")) > 168) {
                throw new IllegalArgumentException("--revocation is on or off; --revocation-grace-hours 0 to 168");
            }
            String format = options.value("--format", "json");
            if (!format.equals("json") && !format.equals("fhir")) {
                throw new IllegalArgumentException("--format is json or fhir");
            }
            if (options.command.equals("open") && options.files.isEmpty()) {
                throw new IllegalArgumentException("open needs at least one envelope file");
            }
            return options;
        }

        boolean has(String name) {
            return values.containsKey(name);
        }

        List<String> all(String name) {
            return values.getOrDefault(name, List.of());
        }

        String value(String name, String otherwise) {
            List<String> list = values.get(name);
            return list == null ? otherwise : list.get(list.size() - 1);
        }

        Path require(String name) {
            if (!has(name)) {
                throw new IllegalArgumentException(name + " is required");
            }
            return Path.of(value(name, ""));
        }
    }
}
