package io.wardgate.web.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the front controller sends back. Immutable apart from the cookies a handler adds.
 *
 * @param status the HTTP status
 * @param contentType the media type, or empty for no body
 * @param body the body bytes
 * @param location the redirect target, or empty
 * @param cookies Set-Cookie header values
 */
public record Reply(int status, String contentType, byte[] body, String location, List<String> cookies) {
    public static final String JSON = "application/json; charset=utf-8";

    public static Reply json(Object value) {
        return json(200, value);
    }

    public static Reply json(int status, Object value) {
        return new Reply(status, JSON, Json.write(value).getBytes(StandardCharsets.UTF_8), "", new ArrayList<>());
    }

    /** An error for the client to show: {"error": message}. */
    public static Reply error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    public static Reply ok() {
        return json(Map.of("ok", true));
    }

    public static Reply bytes(String contentType, byte[] body) {
        return new Reply(200, contentType, body, "", new ArrayList<>());
    }

    public static Reply redirect(String location) {
        return new Reply(303, "", new byte[0], location, new ArrayList<>());
    }

    public Reply withCookie(String setCookie) {
        cookies.add(setCookie);
        return this;
    }
}
