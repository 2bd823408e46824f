package io.wardgate.web.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * S3, S7 and the TLS listener: no usable login before setup, one listening socket (HTTPS on
 * 127.0.0.1), TLS 1.2+ with AEAD only, a private EC P-256 keystore, rotation, and configuration
 * written through Metatype forms (validated, secrets write-only, FileInstall file kept in step).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpsIT {
    static FelixRuntime runtime;
    static Logins.Admin admin;

    @BeforeAll
    static void start() throws Exception {
        runtime = FelixRuntime.start("https", true);
        Logins.awaitUp(runtime.port);
    }

    @AfterAll
    static void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    @Order(1)
    void aFreshInstallHasNoUsableLoginAndOffersOnlySetup() throws Exception {
        WebClient c = new WebClient(runtime.port);
        assertThat(c.refreshSession()).contains("\"setupOpen\":true");
        for (String[] pair : new String[][] {{"admin", "admin"}, {"admin", "password"}, {"root", "root"},
            {"admin", "wardgate"}, {"kura", "kura"}}) {
            c.refreshSession();
            assertThat(c.post("/api/login", Map.of("user", pair[0], "password", pair[1])).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> page = c.get("/");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/setup.html");
    }

    @Test
    @Order(2)
    void theSetupCodeWorksOnce() throws Exception {
        admin = Logins.setupAdmin(runtime, "alice");
        WebClient other = new WebClient(runtime.port);
        assertThat(other.refreshSession()).contains("\"setupOpen\":false");
        HttpResponse<String> again = other.post("/api/setup", Map.of("code", runtime.setupCode(), "user", "mallory",
                "password", Logins.ADMIN_PASSWORD, "password2", Logins.ADMIN_PASSWORD));
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(admin.client().get("/api/users").body()).contains("\"alice\"").doesNotContain("mallory")
                .doesNotContain("argon2");
        assertThat(Files.readString(runtime.log)).doesNotContain(Logins.ADMIN_PASSWORD);
    }

    @Test
    @Order(3)
    void theOnlyListeningSocketIsHttpsOnTheLoopbackAddress() throws Exception {
        Set<String> listening = listeningSocketsOfThisProcess();
        assertThat(listening).containsExactly("127.0.0.1:" + runtime.port);
        // Plain HTTP on the HTTPS port gets no page.
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", runtime.port), 5000);
            plain.setSoTimeout(5000);
            OutputStream out = plain.getOutputStream();
            out.write("GET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(readSome(plain.getInputStream()), StandardCharsets.ISO_8859_1);
            assertThat(answer).doesNotContain("\"site\"").doesNotStartWith("HTTP/1.1 200");
        }
    }

    @Test
    @Order(4)
    void tlsIs12OrLaterWithAeadSuitesAndAnEcP256Certificate() throws Exception {
        WebClient modern = new WebClient(runtime.port);
        modern.get("/api/session");
        assertThat(modern.serverChain[0].getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) modern.serverChain[0].getPublicKey()).getParams().getCurve().getField().getFieldSize())
                .isEqualTo(256);
        assertThat(negotiate(new String[] {"TLSv1.3", "TLSv1.2"}, null)).isEqualTo("TLSv1.3");
        assertThat(negotiate(new String[] {"TLSv1.2"}, null)).isEqualTo("TLSv1.2");
        assertThatThrownBy(() -> negotiate(new String[] {"TLSv1.2"},
                new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"}))
                .isInstanceOf(SSLHandshakeException.class);
        Path tls = runtime.data.resolve("web").resolve("tls");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(tls)) {
            for (Path f : files.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                        .isEqualTo("rw-------");
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                runtime.data.resolve("web").resolve("users")))).isEqualTo("rw-------");
    }

    @Test
    @Order(5)
    void configurationIsValidatedAgainstMetatypeAndSecretsAreWriteOnly() throws Exception {
        WebClient c = admin.client();
        HttpResponse<String> bad = c.post("/api/config", Map.of("pid", "io.wardgate.web.WebConsole", "a.port", "70000",
                "a.idleTimeoutMinutes", "soon"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"port\"", "\"idleTimeoutMinutes\"");
        assertThat(c.post("/api/config", Map.of("pid", "io.wardgate.unknown.Thing", "a.x", "1")).statusCode()).isEqualTo(404);

        HttpResponse<String> ok = c.post("/api/config", Map.of("pid", "io.wardgate.web.WebConsole",
                "a.siteName", "St Mary ICU 2", "a.keystorePassword", "hunter2-never-shown"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        Waits.until(Duration.ofSeconds(20), "siteName in ConfigAdmin", () -> "St Mary ICU 2".equals(
                runtime.configurationValue("io.wardgate.web.WebConsole", "siteName")) ? Boolean.TRUE : null);
        // FileInstall's file name was kept, so the change was written back to the operator's file.
        Path file = runtime.conf.resolve("io.wardgate.web.WebConsole.cfg");
        Waits.until(Duration.ofSeconds(20), "write-back to " + file,
                () -> Files.readString(file).contains("St Mary ICU 2") ? Boolean.TRUE : null);
        assertThat(runtime.configurationValue("io.wardgate.web.WebConsole", "port")).isNotNull();
        Waits.until(Duration.ofSeconds(20), "the new site name in use",
                () -> c.refreshSession().contains("St Mary ICU 2") ? Boolean.TRUE : null);
        String forms = c.get("/api/config").body();
        assertThat(forms).doesNotContain("hunter2").contains("\"passwordSet\":true");
        // Stored sealed (docs/security.md 4.2): neither ConfigAdmin nor the operator's file holds it in clear.
        assertThat(String.valueOf(runtime.configurationValue("io.wardgate.web.WebConsole", "keystorePassword")))
                .startsWith("enc:v1:");
        assertThat(Files.readString(file)).doesNotContain("hunter2");
        assertThat(Files.readString(runtime.log)).doesNotContain("hunter2");
    }

    @Test
    @Order(6)
    void rotatingTheUiCertificateServesANewKey() throws Exception {
        WebClient before = new WebClient(runtime.port);
        before.get("/api/session");
        byte[] old = before.serverChain[0].getEncoded();
        HttpResponse<String> r = admin.client().post("/api/security/rotate-ui-certificate", Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Waits.until(Duration.ofSeconds(60), "the new certificate served", () -> {
            WebClient after = new WebClient(runtime.port);
            after.get("/api/session");
            return java.util.Arrays.equals(after.serverChain[0].getEncoded(), old) ? null : Boolean.TRUE;
        });
    }

    /** Where the UI keystore's password is stored (docs/security.md 4.2): never in clear. */
    private static final String FELIX_PASSWORD = "org.apache.felix.https.keystore.password";
    private static final String FELIX_KEY_PASSWORD = "org.apache.felix.https.keystore.key.password";

    @Test
    @Order(7)
    void theUiKeystorePasswordIsNowhereInClearAtRest() throws Exception {
        String password = uiKeystorePassword();
        assertThat(String.valueOf(runtime.configurationValue("org.apache.felix.http", FELIX_PASSWORD))).startsWith("enc:v1:");
        assertThat(String.valueOf(runtime.configurationValue("org.apache.felix.http", FELIX_KEY_PASSWORD))).startsWith("enc:v1:");
        Logins.awaitUp(runtime.port);
        assertThat(filesHolding(password.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    @Order(8)
    void felixHttpGivenTheSealedValuesBeforeTheUiStartsServesOnceItDoes() throws Exception {
        WebClient before = new WebClient(runtime.port);
        before.get("/api/session");
        org.osgi.framework.Bundle web = runtime.bundle("io.wardgate.web");
        org.osgi.framework.Bundle jetty = runtime.bundle("org.apache.felix.http.jetty12");
        web.stop();
        // As at a restart of the gateway: Felix HTTP reads its stored configuration (sealed passwords) before
        // the UI's password plugin exists, so it cannot open the keystore and does not listen...
        jetty.stop();
        jetty.start();
        web.start();
        // ...until the UI starts and hands it the configuration again through the plugin.
        Waits.until(Duration.ofSeconds(60), "HTTPS with the same certificate", () -> {
            WebClient after = new WebClient(runtime.port);
            return after.get("/api/session").statusCode() == 200
                    && java.util.Arrays.equals(after.serverChain[0].getEncoded(), before.serverChain[0].getEncoded())
                    ? Boolean.TRUE : null;
        });
    }

    @Test
    @Order(9)
    void anOlderInstallationsClearKeystorePasswordsAreSealedInPlaceAndAudited() throws Exception {
        String password = uiKeystorePassword();
        org.osgi.framework.Bundle web = runtime.bundle("io.wardgate.web");
        web.stop();
        // What the previous version left: the password file and Felix HTTP's settings in clear.
        Files.writeString(passwordFile(), password);
        runtime.putConfigurationValues("org.apache.felix.http", Map.of(FELIX_PASSWORD, password, FELIX_KEY_PASSWORD,
                password));
        assertThat(filesHolding(password.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
        web.start();
        Waits.until(Duration.ofSeconds(60), "the password file sealed",
                () -> Files.readString(passwordFile()).startsWith("enc:v1:") ? Boolean.TRUE : null);
        Waits.until(Duration.ofSeconds(60), "Felix HTTP's settings sealed", () -> String.valueOf(
                runtime.configurationValue("org.apache.felix.http", FELIX_PASSWORD)).startsWith("enc:v1:") ? Boolean.TRUE : null);
        assertThat(uiKeystorePassword()).isEqualTo(password);
        Logins.awaitUp(runtime.port);
        assertThat(Files.readString(runtime.log)).contains("SECRET_SEALED web UI keystore password SUCCESS");
        assertThat(filesHolding(password.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    private static Path passwordFile() {
        return runtime.data.resolve("web/tls/ui-keystore.pass");
    }

    /** The UI keystore's password, opened from its sealed file with the test's secrets key (and checked). */
    private static String uiKeystorePassword() throws Exception {
        String stored = Files.readString(passwordFile()).strip();
        assertThat(stored).startsWith("enc:v1:");
        String password = io.wardgate.web.TestSecretBoxes.fileKey(runtime.data.resolve("identity"))
                .open("io.wardgate.web.WebConsole", "tls/ui-keystore.pass", stored);
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(runtime.data.resolve("web/tls/ui-keystore.p12"))) {
            store.load(in, password.toCharArray());
        }
        return password;
    }

    /** Every file under the runtime's directory (framework storage with ConfigAdmin's files, data, conf, log) holding the bytes. */
    private static List<Path> filesHolding(byte[] needle) throws IOException {
        try (Stream<Path> all = Files.walk(runtime.work)) {
            return all.filter(Files::isRegularFile).filter(p -> {
                try {
                    return io.wardgate.testkit.Bytes.indexOf(Files.readAllBytes(p), needle) >= 0;
                } catch (IOException e) {
                    return false; // deleted meanwhile
                }
            }).toList();
        }
    }

    private static String negotiate(String[] protocols, String[] suites) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", runtime.port)) {
            socket.setSoTimeout(5000);
            socket.setEnabledProtocols(protocols);
            if (suites != null) {
                socket.setEnabledCipherSuites(suites);
            }
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }

    private static byte[] readSome(InputStream in) {
        try {
            return in.readNBytes(200);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** host:port of every TCP socket in LISTEN state that this JVM holds (Linux /proc). */
    static Set<String> listeningSocketsOfThisProcess() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        Set<String> out = new HashSet<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) {
                    out.add(address(f[1]));
                }
            }
        }
        return out;
    }

    private static String address(String hex) {
        String[] parts = hex.split(":");
        int port = Integer.parseInt(parts[1], 16);
        String ip = parts[0];
        if (ip.length() == 32 && ip.startsWith("0000000000000000FFFF0000")) {
            ip = ip.substring(24); // an IPv4-mapped IPv6 socket
        }
        if (ip.length() == 8) {
            long a = Long.parseLong(ip, 16);
            return (a & 0xFF) + "." + ((a >> 8) & 0xFF) + "." + ((a >> 16) & 0xFF) + "." + ((a >> 24) & 0xFF) + ":" + port;
        }
        return "[" + parts[0] + "]:" + port;
    }
}
