package io.wardgate.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.web.auth.Role;
import io.wardgate.web.auth.Secrets;
import io.wardgate.web.auth.Session;
import io.wardgate.web.auth.SessionStore;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate every request passes, without a container: CSRF, deny by default, headers. */
class FrontControllerTest {
    private final SessionStore sessions = new SessionStore(Clock.systemUTC(), new Secrets(new SecureRandom()),
            Duration.ofMinutes(15));
    private final List<String> audited = new ArrayList<>();
    private final FrontController controller = new FrontController(List.of(
            new Route("POST", "/api/change", Access.roles(Role.CLINICAL_ENGINEER), c -> Reply.ok()),
            new Route("POST", "/api/login", Access.PUBLIC, c -> Reply.ok()),
            new Route("GET", "/api/read", Access.allRoles(), c -> Reply.ok()),
            Route.undeclared("GET", "/api/forgotten", c -> Reply.ok())),
            sessions, (actor, action, target, outcome, detail) -> audited.add(action), () -> "/login.html");

    @Test
    void aStateChangeNeedsTheSessionsOwnToken() throws Exception {
        String id = sessions.create("eve", Role.CLINICAL_ENGINEER, Session.Stage.ACTIVE);
        String token = sessions.touch(id).orElseThrow().csrfToken();
        String other = sessions.touch(sessions.create("bob", Role.CLINICAL_ENGINEER, Session.Stage.ACTIVE))
                .orElseThrow().csrfToken();
        assertThat(call("POST", "/api/change", Map.of("Cookie", "__Host-wg_session=" + id)).status).isEqualTo(403);
        assertThat(call("POST", "/api/change", Map.of("Cookie", "__Host-wg_session=" + id, "X-CSRF-Token", other)).status)
                .isEqualTo(403);
        assertThat(call("POST", "/api/change", Map.of("Cookie", "__Host-wg_session=" + id, "X-CSRF-Token", token,
                "Origin", "https://evil.example", "Host", "gw:8443")).status).isEqualTo(403);
        assertThat(call("POST", "/api/change", Map.of("Cookie", "__Host-wg_session=" + id, "X-CSRF-Token", token,
                "Sec-Fetch-Site", "cross-site")).status).isEqualTo(403);
        assertThat(audited).containsOnly("CSRF_REJECTED");
        assertThat(call("POST", "/api/change", Map.of("Cookie", "__Host-wg_session=" + id, "X-CSRF-Token", token,
                "Origin", "https://gw:8443", "Host", "gw:8443")).status).isEqualTo(200);
    }

    @Test
    void beforeLoginTheDoubleSubmitCookieMustMatchTheHeader() throws Exception {
        assertThat(call("POST", "/api/login", Map.of()).status).isEqualTo(403);
        assertThat(call("POST", "/api/login", Map.of("Cookie", "__Host-wg_csrf=abc", "X-CSRF-Token", "abd")).status)
                .isEqualTo(403);
        assertThat(call("POST", "/api/login", Map.of("Cookie", "__Host-wg_csrf=abc", "X-CSRF-Token", "abc")).status)
                .isEqualTo(200);
    }

    @Test
    void anEndpointWithoutDeclaredRolesIsRefusedToEveryone() throws Exception {
        for (Role role : Role.values()) {
            String id = sessions.create("u" + role.ordinal(), role, Session.Stage.ACTIVE);
            assertThat(call("GET", "/api/forgotten", Map.of("Cookie", "__Host-wg_session=" + id)).status).isEqualTo(403);
            assertThat(call("GET", "/api/read", Map.of("Cookie", "__Host-wg_session=" + id)).status).isEqualTo(200);
        }
        assertThat(call("GET", "/api/forgotten", Map.of()).status).isEqualTo(401);
    }

    @Test
    void aBrowserGetsAStyledPageForAnErrorAndTheApiStaysJson() throws Exception {
        var page = call("GET", "/nothing-here.html", Map.of());
        assertThat(page.status).isEqualTo(404);
        assertThat(page.type).startsWith("text/html");
        assertThat(page.body).contains("No such page", "/app.css", "Back to the dashboard").doesNotContain("{\"error\"");
        var api = call("GET", "/api/nothing-here", Map.of());
        assertThat(api.status).isEqualTo(404);
        assertThat(api.type).startsWith("application/json");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersEvenA404() throws Exception {
        Answer a = call("GET", "/nothing/here", Map.of());
        assertThat(a.status).isEqualTo(404);
        assertThat(a.headers).containsEntry("X-Frame-Options", "DENY").containsEntry("Cache-Control", "no-store")
                .containsEntry("Content-Security-Policy", SecurityHeaders.CSP).containsKey("Strict-Transport-Security");
        assertThat(call("GET", "/../etc/passwd", Map.of()).status).isEqualTo(404);
        assertThat(call("POST", "/api/read", Map.of()).status).isEqualTo(405);
    }

    /** The status and headers a call produced. */
    static final class Answer {
        int status = 200;
        String type = "";
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        String body = "";
        final Map<String, String> headers = new HashMap<>();
    }

    private Answer call(String method, String path, Map<String, String> headers) throws Exception {
        Answer answer = new Answer();
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> path;
                    case "getContextPath" -> "";
                    case "getContentLengthLong" -> 0L;
                    case "getContentType" -> method.equals("POST") ? "application/x-www-form-urlencoded" : null;
                    case "getRemoteAddr" -> "192.0.2.1";
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getCookies" -> cookies(headers.get("Cookie"));
                    case "getParameterMap" -> Map.of();
                    default -> null;
                });
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> answer.status = (Integer) args[0];
                        case "setHeader", "addHeader" -> answer.headers.put((String) args[0], (String) args[1]);
                        case "setContentType" -> answer.type = (String) args[0];
                        case "getOutputStream" -> {
                            return new ServletOutputStream() {
                                @Override
                                public void write(int b) {
                                    answer.bytes.write(b);
                                }

                                @Override
                                public boolean isReady() {
                                    return true;
                                }

                                @Override
                                public void setWriteListener(WriteListener listener) {
                                }
                            };
                        }
                        default -> {
                        }
                    }
                    return null;
                });
        controller.service(request, response);
        answer.body = answer.bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        return answer;
    }

    private static Cookie[] cookies(String header) {
        if (header == null) {
            return null;
        }
        String[] kv = header.split("=", 2);
        return new Cookie[] {new Cookie(kv[0], kv[1])};
    }
}
