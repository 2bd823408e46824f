package io.wardgate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;

/**
 * Debian's mosquitto as a child process: a TLS listener on 127.0.0.1 only, client certificates
 * required, the certificate's CN as user name, no anonymous access, persistence on (so a restart
 * keeps sessions and queued messages).
 */
public final class MosquittoBroker implements MqttBroker {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Path directory;
    private final int port;
    private final Path config;
    private final Path logFile;
    private Process process;

    public MosquittoBroker(BrokerSetup setup) {
        try {
            this.directory = Files.createDirectories(setup.directory());
            this.port = setup.port() == 0 ? FreePort.pick() : setup.port();
            Path data = Files.createDirectories(directory.resolve("data"));
            Path ca = directory.resolve("client-ca.pem");
            Pem.writeCertificates(ca, List.of(setup.clientCa()));
            Path cert = directory.resolve("server-chain.pem");
            Pem.writeCertificates(cert, setup.server().chain());
            Path key = directory.resolve("server-key.pem");
            Pem.writePrivateKey(key, setup.server().key());
            this.logFile = directory.resolve("mosquitto.log");
            this.config = directory.resolve("mosquitto.conf");
            Path acl = directory.resolve("wardgate.acl");
            Files.writeString(acl, ACL, StandardCharsets.UTF_8);
            String conf = configuration(ca, cert, key, data, acl);
            List<Path> files = new java.util.ArrayList<>(List.of(directory, data, ca, cert, key, acl, config));
            if (setup.clientCrl() != null) {
                Path crl = directory.resolve("client-crl.pem");
                Pem.writeCrl(crl, setup.clientCrl());
                conf += "crlfile " + crl + "\n";
                files.add(crl);
            }
            if (setup.maxInflight() > 0) {
                conf += "max_inflight_messages " + setup.maxInflight() + "\n";
            }
            if (!setup.tls13Ciphers().isEmpty()) {
                conf += "ciphers_tls1.3 " + setup.tls13Ciphers() + "\n";
            }
            Files.writeString(config, conf, StandardCharsets.UTF_8);
            handOverToMosquittoUser(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The topic rights of docs/operations.md: a gateway (user name = certificate CN = gateway id) writes
     * only below its own wardgate/site/ward/gatewayId/; the backend receiver reads everything; hospital
     * IT's management client (CN wardgate-admin) sends requests and reads replies of any gateway.
     */
    static final String ACL = "user backend-receiver\ntopic read wardgate/#\n\n"
            + "user wardgate-admin\ntopic write wardgate/+/+/+/manage/req/#\ntopic write wardgate/+/+/+/manage/upload/#\n"
            + "topic read wardgate/+/+/+/manage/reply/#\n\n"
            + "pattern readwrite wardgate/+/+/%u/#\n";

    /** The configuration written for this broker; docs/operations.md shows the same settings. */
    private String configuration(Path ca, Path cert, Path key, Path data, Path acl) {
        return String.join("\n",
                "# Written by the WardGate test kit",
                "per_listener_settings false",
                "allow_anonymous false",
                "acl_file " + acl,
                "persistence true",
                "persistence_location " + data + "/",
                "autosave_interval 1",
                "max_queued_messages 100000",
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information",
                "connection_messages true",
                "listener " + port + " 127.0.0.1",
                "cafile " + ca,
                "certfile " + cert,
                "keyfile " + key,
                "require_certificate true",
                "use_identity_as_username true",
                "tls_version tlsv1.2",
                "");
    }

    @Override
    public String kind() {
        return "mosquitto";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            process = new ProcessBuilder(Brokers.MOSQUITTO.toString(), "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + Brokers.MOSQUITTO, e);
        }
        Process started = process;
        if (!Poll.until(() -> !started.isAlive() || FreePort.accepting(port), START_TIMEOUT) || !started.isAlive()) {
            throw new IllegalStateException("mosquitto did not start on port " + port + ":\n" + log());
        }
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
        Poll.until(() -> !FreePort.accepting(port), START_TIMEOUT);
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** With use_identity_as_username the certificate's CN is the username mosquitto logs as u'CN'. */
    @Override
    public int admittedConnections(String commonName) {
        return log().split("u'" + java.util.regex.Pattern.quote(commonName) + "'", -1).length - 1;
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Mosquitto started as root drops to the user "mosquitto" (build-notes.md), which must then read
     * the keys and write the persistence directory. The files are test keys only.
     */
    private static void handOverToMosquittoUser(List<Path> paths) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        UserPrincipal mosquitto;
        try {
            mosquitto = paths.get(0).getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("mosquitto");
        } catch (IOException e) {
            return; // no such user: mosquitto will keep running as root
        }
        // A JUnit @TempDir is 0700: mosquitto must be able to pass through the directories above ours
        // that lie inside the temporary directory (search permission only, no listing).
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        for (Path up = paths.get(0).toAbsolutePath().getParent(); up != null && up.startsWith(tmp) && !up.equals(tmp);
                up = up.getParent()) {
            var permissions = Files.getPosixFilePermissions(up);
            permissions.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(up, permissions);
        }
        for (Path path : paths) {
            Files.setOwner(path, mosquitto);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                    Files.isDirectory(path) ? "rwx------" : "rw-------"));
        }
    }
}
