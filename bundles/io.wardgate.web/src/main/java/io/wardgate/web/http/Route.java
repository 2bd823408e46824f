package io.wardgate.web.http;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One endpoint: method, exact path, who may call it, and its handler. Paths are exact (no
 * patterns), so the route table is the complete list of what the UI answers.
 */
public record Route(String method, String path, Access access, Handler handler) {
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._/-]{0,127}");

    public Route {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(handler, "handler");
        if (!method.equals("GET") && !method.equals("POST")) {
            throw new IllegalArgumentException("GET or POST");
        }
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("bad path " + path);
        }
    }

    /** Whether a request to it changes state (and so needs the CSRF token). */
    public boolean changesState() {
        return method.equals("POST");
    }

    /** A route without an access declaration: refused for everyone (deny by default). */
    public static Route undeclared(String method, String path, Handler handler) {
        return new Route(method, path, Access.UNDECLARED, handler);
    }
}
