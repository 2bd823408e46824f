package io.wardgate.web.ui;

import io.wardgate.web.auth.AuthService;
import io.wardgate.web.auth.Base32;
import io.wardgate.web.auth.Secrets;
import io.wardgate.web.auth.Session;
import io.wardgate.web.auth.SessionStore;
import io.wardgate.web.auth.Totp;
import io.wardgate.web.auth.UserAdmin;
import io.wardgate.web.http.Call;
import io.wardgate.web.http.Cookies;
import io.wardgate.web.http.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Login, logout, first-time setup, TOTP enrollment and the caller's own password. */
final class SessionApi {
    private final AuthService auth;
    private final UserAdmin admin;
    private final SessionStore sessions;
    private final Secrets secrets;
    private final Services services;

    SessionApi(AuthService auth, UserAdmin admin, SessionStore sessions, Secrets secrets, Services services) {
        this.auth = auth;
        this.admin = admin;
        this.sessions = sessions;
        this.secrets = secrets;
        this.services = services;
    }

    /** Who the caller is and the CSRF token to send; before login, a fresh double-submit token. */
    Reply describe(Call call) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("site", services.siteName());
        Optional<Session> session = call.sessionIfAny();
        if (session.isPresent()) {
            out.put("authenticated", true);
            out.put("user", session.get().user());
            out.put("role", session.get().role().code());
            out.put("stage", session.get().stage().name().toLowerCase());
            out.put("csrf", session.get().csrfToken());
            return Reply.json(out);
        }
        String token = secrets.token(32);
        out.put("authenticated", false);
        out.put("setupOpen", auth.setupOpen());
        out.put("csrf", token);
        return Reply.json(out).withCookie(Cookies.set(Cookies.PRE_SESSION_CSRF, token));
    }

    Reply login(Call call) {
        char[] password = call.secret("password");
        try {
            AuthService.Result result = auth.login(call.required("user"), password, call.field("totp").orElse(""),
                    call.address());
            return started(call, result);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    Reply setup(Call call) {
        char[] password = call.secret("password");
        try {
            if (!Arrays.equals(password, call.secret("password2"))) {
                return Reply.error(400, "The two passwords differ.");
            }
            AuthService.Result result = auth.setup(call.required("code"), call.required("user"), password,
                    call.address());
            return started(call, result);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    Reply logout(Call call) {
        auth.logout(call.sessionId(), call.session());
        return Reply.ok().withCookie(Cookies.clear(Cookies.SESSION));
    }

    /** The TOTP secret being enrolled, as text and otpauth URI (the QR code is {@link #totpQr}). */
    Reply totp(Call call) {
        byte[] secret = auth.startEnrollment(requireEnrolling(call));
        return Reply.json(Map.of("secret", Base32.encode(secret), "uri", uri(call.session(), secret)));
    }

    Reply totpQr(Call call) {
        byte[] secret = auth.startEnrollment(requireEnrolling(call));
        return Reply.bytes("image/svg+xml", QrSvg.render(uri(call.session(), secret)).getBytes(StandardCharsets.UTF_8));
    }

    Reply confirmTotp(Call call) {
        AuthService.Result result = auth.confirmEnrollment(call.sessionId(), requireEnrolling(call),
                call.required("code"), call.address());
        if (!result.ok()) {
            return Reply.error(400, result.refusal());
        }
        return Reply.ok().withCookie(Cookies.set(Cookies.SESSION, result.sessionId().get()));
    }

    Reply changePassword(Call call) throws IOException {
        char[] current = call.secret("current");
        char[] replacement = call.secret("password");
        try {
            if (!Arrays.equals(replacement, call.secret("password2"))) {
                return Reply.error(400, "The two passwords differ.");
            }
            Optional<String> problem = admin.changeOwnPassword(call.session(), current, replacement,
                    call.address());
            return problem.map(p -> Reply.error(400, p))
                    .orElseGet(() -> Reply.ok().withCookie(Cookies.clear(Cookies.SESSION)));
        } finally {
            Arrays.fill(current, '\0');
            Arrays.fill(replacement, '\0');
        }
    }

    private Reply started(Call call, AuthService.Result result) {
        if (!result.ok()) {
            return Reply.error(401, result.refusal());
        }
        // Whatever session the browser had before ends here: the new id is issued, never the old one kept.
        if (call.sessionId() != null) {
            sessions.invalidate(call.sessionId());
        }
        Session session = sessions.touch(result.sessionId().get()).orElseThrow();
        return Reply.json(Map.of("ok", true, "stage", session.stage().name().toLowerCase()))
                .withCookie(Cookies.set(Cookies.SESSION, result.sessionId().get()))
                .withCookie(Cookies.clear(Cookies.PRE_SESSION_CSRF));
    }

    private static Session requireEnrolling(Call call) {
        Session session = call.session();
        if (session.isActive()) {
            throw new Call.BadRequest("TOTP is already enrolled for this account");
        }
        return session;
    }

    private String uri(Session session, byte[] secret) {
        return Totp.uri("WardGate " + services.siteName().replaceAll("[^A-Za-z0-9 ._-]", ""), session.user(), secret);
    }
}
