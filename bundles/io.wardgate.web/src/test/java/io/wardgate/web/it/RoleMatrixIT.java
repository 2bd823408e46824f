package io.wardgate.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.pipeline.Outbox;
import io.wardgate.api.pipeline.Uplink;
import io.wardgate.web.auth.Role;
import io.wardgate.web.http.Route;
import io.wardgate.web.port.DeviceRegistry;
import io.wardgate.web.port.LatestReadings;
import io.wardgate.web.ui.Routes;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * S4/S5 over real HTTPS in a real Felix with Felix HTTP Jetty 12: every role against every endpoint,
 * CSRF, security headers on every response, session rotation, lockout with audit.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoleMatrixIT {
    static final Set<Role> ALL = EnumSet.allOf(Role.class);
    static final Set<Role> ENGINEERS = EnumSet.of(Role.ADMINISTRATOR, Role.CLINICAL_ENGINEER);
    static final Set<Role> READERS = EnumSet.of(Role.ADMINISTRATOR, Role.CLINICAL_ENGINEER, Role.AUDITOR);
    static final Set<Role> SECURITY = EnumSet.of(Role.ADMINISTRATOR, Role.AUDITOR);
    static final Set<Role> ADMIN = EnumSet.of(Role.ADMINISTRATOR);
    static final String PASSWORD = "Ward-4-user-secure";

    /** The expected matrix, written out independently of the route table it is checked against. */
    static final Map<String, Set<Role>> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /", ALL), Map.entry("GET /index.html", ALL), Map.entry("GET /devices.html", ALL),
            Map.entry("GET /account.html", ALL), Map.entry("GET /config.html", READERS),
            Map.entry("GET /security.html", SECURITY), Map.entry("GET /audit.html", SECURITY),
            Map.entry("GET /users.html", ADMIN),
            Map.entry("POST /api/me/password", ALL), Map.entry("GET /api/dashboard", ALL),
            Map.entry("GET /api/devices", ALL), Map.entry("POST /api/devices/approve", ENGINEERS),
            Map.entry("POST /api/devices/reject", ENGINEERS), Map.entry("POST /api/devices/revoke", ENGINEERS),
            Map.entry("POST /api/devices/reallow", ENGINEERS), Map.entry("POST /api/devices/group", ENGINEERS),
            Map.entry("GET /api/config", READERS), Map.entry("POST /api/config", ENGINEERS),
            Map.entry("POST /api/config/delete", ENGINEERS),
            Map.entry("GET /api/security", SECURITY), Map.entry("GET /api/security/csr", ADMIN),
            Map.entry("POST /api/security/rotate-ui-certificate", ADMIN),
            Map.entry("POST /api/security/chain", ADMIN), Map.entry("POST /api/security/anchors", ADMIN),
            Map.entry("GET /api/checklist", ENGINEERS), Map.entry("GET /checklist.html", ENGINEERS), Map.entry("GET /api/audit", SECURITY),
            Map.entry("GET /api/audit/verify", SECURITY), Map.entry("GET /api/audit.csv", SECURITY), Map.entry("GET /api/users", ADMIN),
            Map.entry("POST /api/users/create", ADMIN), Map.entry("POST /api/users/remove", ADMIN),
            Map.entry("POST /api/users/role", ADMIN), Map.entry("POST /api/users/reset-password", ADMIN),
            Map.entry("POST /api/users/unlock", ADMIN), Map.entry("POST /api/users/reset-totp", ADMIN)));
    /** Reachable by any session, also one still enrolling TOTP; or by anyone. */
    static final Set<String> SESSION_ROUTES = Set.of("POST /api/logout", "GET /api/me/totp", "GET /api/me/totp.svg",
            "POST /api/me/totp/confirm", "GET /enroll.html");
    static final Set<String> PUBLIC_API = Set.of("GET /api/session", "POST /api/login", "POST /api/setup");

    static FelixRuntime runtime;
    static Fakes.RecordingAudit audit = new Fakes.RecordingAudit();
    static Map<Role, WebClient> clients = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        runtime = FelixRuntime.start("role-matrix");
        runtime.register(AuditTrail.class, audit);
        runtime.register(DeviceRegistry.class, new Fakes.Registry(audit));
        runtime.register(LatestReadings.class, new Fakes.Readings());
        runtime.register(Uplink.class, new Fakes.ConnectedUplink());
        runtime.register(Outbox.class, new Fakes.SmallOutbox());
        Logins.awaitUp(runtime.port);
        Logins.Admin admin = Logins.setupAdmin(runtime, "alice");
        clients.put(Role.ADMINISTRATOR, admin.client());
        for (Role role : List.of(Role.CLINICAL_ENGINEER, Role.AUDITOR, Role.VIEWER)) {
            String name = role.code().replace("-", "");
            HttpResponse<String> created = admin.client().post("/api/users/create",
                    Map.of("user", name, "role", role.code(), "password", PASSWORD));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            clients.put(role, role.requiresTotp() ? Logins.loginAndEnroll(runtime.port, name, PASSWORD)
                    : Logins.login(runtime.port, name, PASSWORD, ""));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    @Order(1)
    void theRouteTableIsExactlyTheExpectedMatrixAndNothingIsUndeclared() {
        Map<String, Set<Role>> declared = new TreeMap<>();
        for (Route route : Routes.declared()) {
            String key = route.method() + " " + route.path();
            assertThat(route.access().roles()).as(key + " declares its roles").isNotEmpty();
            if (route.access().anonymous()) {
                assertThat(PUBLIC_API.contains(key) || route.path().matches("/[a-z]+\\.(html|css|js|svg)")
                        && !EXPECTED.containsKey(key)).as(key + " is public on purpose").isTrue();
            } else if (route.access().enrolling()) {
                assertThat(SESSION_ROUTES).as(key).contains(key);
            } else {
                declared.put(key, route.access().roles());
            }
        }
        assertThat(declared).isEqualTo(EXPECTED);
    }

    @Test
    @Order(2)
    void everyRoleAgainstEveryEndpoint() throws Exception {
        for (Map.Entry<String, Set<Role>> entry : EXPECTED.entrySet()) {
            String[] mp = entry.getKey().split(" ");
            for (Role role : Role.values()) {
                boolean allowed = entry.getValue().contains(role);
                if (allowed && entry.getKey().equals("POST /api/security/rotate-ui-certificate")) {
                    continue; // restarts HTTPS: exercised in SecurityPagesIT-style checks below, not in the loop
                }
                HttpResponse<String> r = call(clients.get(role), mp[0], mp[1]);
                assertHeaders(r);
                if (allowed) {
                    assertThat(r.statusCode()).as(role + " " + entry.getKey() + " " + r.body()).isNotIn(401, 403);
                } else {
                    assertThat(r.statusCode()).as(role + " " + entry.getKey()).isEqualTo(403);
                }
            }
            // Without a session: pages redirect to the login, the API answers 401.
            HttpResponse<String> anonymous = call(new WebClient(runtime.port), mp[0], mp[1]);
            assertHeaders(anonymous);
            if (mp[1].startsWith("/api/")) {
                assertThat(anonymous.statusCode()).as("anonymous " + entry.getKey()).isIn(401, 403);
            } else {
                assertThat(anonymous.statusCode()).as("anonymous " + entry.getKey()).isEqualTo(303);
                assertThat(anonymous.headers().firstValue("Location")).hasValue("/login.html");
            }
        }
        assertThat(audit.events).anyMatch(e -> e.action().equals("ACCESS_DENIED") && e.actor().equals("user:viewer"));
    }

    @Test
    @Order(3)
    void anAdministratorStillEnrollingReachesOnlyTheEnrollmentEndpoints() throws Exception {
        WebClient admin = clients.get(Role.ADMINISTRATOR);
        assertThat(admin.post("/api/users/create", Map.of("user", "bob", "role", "administrator", "password", PASSWORD))
                .statusCode()).isEqualTo(200);
        WebClient bob = Logins.login(runtime.port, "bob", PASSWORD, "");
        assertThat(bob.refreshSession()).contains("\"stage\":\"enrolling\"");
        for (String key : EXPECTED.keySet()) {
            String[] mp = key.split(" ");
            assertThat(call(bob, mp[0], mp[1]).statusCode()).as("enrolling " + key).isEqualTo(403);
        }
        assertThat(bob.get("/api/me/totp").statusCode()).isEqualTo(200);
        assertThat(bob.get("/api/me/totp.svg").body()).startsWith("<svg");
    }

    @Test
    @Order(4)
    void aStateChangeWithoutTheCsrfTokenOrFromAnotherOriginIsRefused() throws Exception {
        WebClient ce = clients.get(Role.CLINICAL_ENGINEER);
        Map<String, String> approve = Map.of("device", "serial:/dev/wardgate/bed-14", "group", "icu-monitors");
        assertThat(ce.post("/api/devices/approve", approve, Optional.empty(), Optional.empty()).statusCode()).isEqualTo(403);
        assertThat(ce.post("/api/devices/approve", approve, Optional.of("forged"), Optional.empty()).statusCode()).isEqualTo(403);
        assertThat(ce.post("/api/devices/approve", approve, Optional.of(ce.csrf()), Optional.of("https://evil.example"))
                .statusCode()).isEqualTo(403);
        // Another user's token is no good either.
        assertThat(ce.post("/api/devices/approve", approve, Optional.of(clients.get(Role.ADMINISTRATOR).csrf()),
                Optional.empty()).statusCode()).isEqualTo(403);
        // Before login too: the login form needs the double-submit token.
        WebClient stranger = new WebClient(runtime.port);
        assertThat(stranger.post("/api/login", Map.of("user", "viewer", "password", PASSWORD), Optional.empty(),
                Optional.empty()).statusCode()).isEqualTo(403);
        assertThat(audit.events).anyMatch(e -> e.action().equals("CSRF_REJECTED"));
        HttpResponse<String> ok = ce.post("/api/devices/approve", approve);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(audit.count("DEVICE_APPROVED", "serial:/dev/wardgate/bed-14")).isEqualTo(1);
    }

    @Test
    @Order(5)
    void theSessionIdChangesAtLoginAndTheOldOneIsDead() throws Exception {
        WebClient c = Logins.login(runtime.port, "auditor", PASSWORD, "");
        String first = c.cookie("__Host-wg_session").orElseThrow();
        HttpResponse<String> again = c.post("/api/login", Map.of("user", "auditor", "password", PASSWORD));
        assertThat(again.statusCode()).isEqualTo(200);
        String second = c.cookie("__Host-wg_session").orElseThrow();
        assertThat(second).isNotEqualTo(first);
        WebClient replay = new WebClient(runtime.port);
        replay.setCookie("__Host-wg_session", first);
        assertThat(replay.get("/api/dashboard").statusCode()).isEqualTo(401);
        assertThat(c.get("/api/dashboard").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void afterFiveFailuresTheRightPasswordIsRefusedAndEveryFailureIsAudited() throws Exception {
        WebClient admin = clients.get(Role.ADMINISTRATOR);
        assertThat(admin.post("/api/users/create", Map.of("user", "carol", "role", "viewer", "password", PASSWORD))
                .statusCode()).isEqualTo(200);
        WebClient c = new WebClient(runtime.port);
        for (int i = 0; i < 5; i++) {
            c.refreshSession();
            assertThat(c.post("/api/login", Map.of("user", "carol", "password", "wrong password " + i)).statusCode())
                    .isEqualTo(401);
        }
        c.refreshSession();
        assertThat(c.post("/api/login", Map.of("user", "carol", "password", PASSWORD)).statusCode()).isEqualTo(401);
        assertThat(audit.count("LOGIN_FAILED", "carol")).isEqualTo(6);
        assertThat(audit.count("ACCOUNT_LOCKED", "carol")).isEqualTo(1);
        assertThat(admin.post("/api/users/unlock", Map.of("user", "carol")).statusCode()).isEqualTo(200);
        c.refreshSession();
        assertThat(c.post("/api/login", Map.of("user", "carol", "password", PASSWORD)).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void aClinicalEngineerCannotChangeSecurityRelevantSettings() throws Exception {
        HttpResponse<String> r = clients.get(Role.CLINICAL_ENGINEER).post("/api/config",
                Map.of("pid", "io.wardgate.web.WebConsole", "a.lockoutMinutes", "1"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(audit.count("CONFIG_CHANGE_DENIED", "io.wardgate.web.WebConsole")).isEqualTo(1);
        assertThat(runtime.configurationValue("io.wardgate.web.WebConsole", "lockoutMinutes")).isNull();
    }

    @Test
    @Order(8)
    void logoutEndsTheSession() throws Exception {
        WebClient viewer = clients.get(Role.VIEWER);
        assertThat(viewer.post("/api/logout", Map.of()).statusCode()).isEqualTo(200);
        assertThat(viewer.get("/api/dashboard").statusCode()).isEqualTo(401);
    }

    static HttpResponse<String> call(WebClient client, String method, String path) throws Exception {
        return method.equals("GET") ? client.get(path) : client.post(path, Map.of());
    }

    static void assertHeaders(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("default-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(r.headers().firstValue("Strict-Transport-Security")).get().asString().startsWith("max-age=");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("Server")).isEmpty();
    }
}
