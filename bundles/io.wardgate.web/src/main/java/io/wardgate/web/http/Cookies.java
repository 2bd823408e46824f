package io.wardgate.web.http;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The UI's two cookies. The __Host- prefix makes browsers insist on Secure, Path=/ and no Domain,
 * so no other host can set or read them; SameSite=Strict keeps them off cross-site requests.
 */
public final class Cookies {
    public static final String SESSION = "__Host-wg_session";
    /** Before login: the double-submit CSRF token for the login and setup forms. */
    public static final String PRE_SESSION_CSRF = "__Host-wg_csrf";
    static final String ATTRIBUTES = "; Path=/; Secure; HttpOnly; SameSite=Strict";

    private Cookies() {
    }

    public static String set(String name, String value) {
        return name + "=" + value + ATTRIBUTES;
    }

    public static String clear(String name) {
        return name + "=" + ATTRIBUTES + "; Max-Age=0";
    }

    public static Optional<String> read(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name) && cookie.getValue() != null && cookie.getValue().length() <= 64) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }
}
