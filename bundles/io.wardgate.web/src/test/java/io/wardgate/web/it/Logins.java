package io.wardgate.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.web.auth.Base32;
import io.wardgate.web.auth.Totp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** First-time setup and logins over HTTPS, as the pages do them. */
final class Logins {
    static final String ADMIN_PASSWORD = "Ward-4-admin-secure";

    private Logins() {
    }

    /** Waits until the UI answers over HTTPS. */
    static void awaitUp(int port) {
        Waits.until(Duration.ofSeconds(60), "HTTPS on port " + port, () -> {
            WebClient probe = new WebClient(port);
            return probe.get("/api/session").statusCode() == 200 ? Boolean.TRUE : null;
        });
    }

    /** Setup with the code from the log, then TOTP enrollment; returns the admin's client and TOTP secret. */
    static Admin setupAdmin(FelixRuntime runtime, String user) throws Exception {
        WebClient client = new WebClient(runtime.port);
        client.refreshSession();
        HttpResponse<String> setup = client.post("/api/setup", Map.of("code", runtime.setupCode(), "user", user,
                "password", ADMIN_PASSWORD, "password2", ADMIN_PASSWORD));
        assertThat(setup.statusCode()).as(setup.body()).isEqualTo(200);
        client.refreshSession();
        return new Admin(client, enroll(client));
    }

    /** Enrolls TOTP for a session in the enrolling stage; returns the secret (the client's session is the new one). */
    static byte[] enroll(WebClient client) throws Exception {
        HttpResponse<String> totp = client.get("/api/me/totp");
        Matcher m = Pattern.compile("\"secret\":\"([A-Z2-7]+)\"").matcher(totp.body());
        assertThat(m.find()).as(totp.body()).isTrue();
        byte[] secret = Base32.decode(m.group(1));
        HttpResponse<String> confirm = client.post("/api/me/totp/confirm",
                Map.of("code", Totp.code(secret, Totp.step(Instant.now()), 6)));
        assertThat(confirm.statusCode()).as(confirm.body()).isEqualTo(200);
        client.refreshSession();
        return secret;
    }

    /** A logged-in admin client and the admin's TOTP secret. */
    record Admin(WebClient client, byte[] secret) {
    }

    /** First login of a user whose role needs TOTP: logs in, enrolls, returns the active client. */
    static WebClient loginAndEnroll(int port, String user, String password) throws Exception {
        WebClient client = login(port, user, password, "");
        assertThat(client.refreshSession()).contains("\"stage\":\"enrolling\"");
        enroll(client);
        return client;
    }

    static WebClient login(int port, String user, String password, String totp) throws Exception {
        WebClient client = new WebClient(port);
        client.refreshSession();
        HttpResponse<String> r = client.post("/api/login", Map.of("user", user, "password", password, "totp", totp));
        assertThat(r.statusCode()).as(user + ": " + r.body()).isEqualTo(200);
        client.refreshSession();
        return client;
    }
}
