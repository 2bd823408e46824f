package io.wardgate.web.http;

import io.wardgate.web.auth.Session;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;

/**
 * One request as a handler sees it: bounded form fields, the caller's session and address.
 * Form fields come from the query string (GET) or an urlencoded body (POST); the container parses
 * them, within the size limit the front controller checks first.
 */
public final class Call {
    public static final int MAX_FIELD_CHARS = 4096;
    public static final int MAX_VALUES = 64;

    private final HttpServletRequest request;
    private final Session session;
    private final String sessionId;

    Call(HttpServletRequest request, Session session, String sessionId) {
        this.request = request;
        this.session = session;
        this.sessionId = sessionId;
    }

    /** The field's single value, or empty when absent; too long a value is refused. */
    public Optional<String> field(String name) {
        String value = request.getParameter(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() > MAX_FIELD_CHARS) {
            throw new BadRequest("field " + name + " is longer than " + MAX_FIELD_CHARS);
        }
        return Optional.of(value);
    }

    public String required(String name) {
        return field(name).orElseThrow(() -> new BadRequest("field " + name + " is missing"));
    }

    /** All values of a repeated field (empty list when absent). */
    public List<String> fields(String name) {
        String[] values = request.getParameterValues(name);
        if (values == null) {
            return List.of();
        }
        if (values.length > MAX_VALUES) {
            throw new BadRequest("field " + name + " has more than " + MAX_VALUES + " values");
        }
        for (String v : values) {
            if (v.length() > MAX_FIELD_CHARS) {
                throw new BadRequest("field " + name + " is longer than " + MAX_FIELD_CHARS);
            }
        }
        return List.of(values);
    }

    /** Names of all fields sent. */
    public List<String> fieldNames() {
        return List.copyOf(request.getParameterMap().keySet());
    }

    /** The password field as characters (never turned into a String by us). */
    public char[] secret(String name) {
        return field(name).map(String::toCharArray).orElse(new char[0]);
    }

    /** The logged-in caller; only handlers of non-public routes call this. */
    public Session session() {
        if (session == null) {
            throw new IllegalStateException("no session");
        }
        return session;
    }

    public Optional<Session> sessionIfAny() {
        return Optional.ofNullable(session);
    }

    public String sessionId() {
        return sessionId;
    }

    /** The peer address of the TLS connection (WardGate is reached directly, not through a proxy). */
    public String address() {
        return request.getRemoteAddr();
    }

    /** The audit actor: the user, or "anonymous@address". */
    public String actor() {
        return session != null ? session.actor() : "anonymous@" + address();
    }

    /** A client error with a message the user may see. */
    public static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
