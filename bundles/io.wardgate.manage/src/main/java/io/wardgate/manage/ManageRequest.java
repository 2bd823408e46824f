package io.wardgate.manage;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A verified request: payload keys "id" (equals the topic's request id), "gw" (the target gateway:
 * a request for another gateway is refused), "requester", "op", "args" (map), "exp" (epoch
 * seconds), "nonce" (16 to 64 random bytes).
 */
record ManageRequest(String id, String gateway, String requester, String operation, Map<?, ?> args,
        Instant expires, byte[] nonce) {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern WORD = Pattern.compile("[\\x20-\\x7E]{1,64}");

    static ManageRequest from(Map<?, ?> payload) {
        Object args = payload.get("args");
        Object exp = payload.get("exp");
        Object nonce = payload.get("nonce");
        if (!(args == null || args instanceof Map<?, ?>) || !(exp instanceof Long) || !(nonce instanceof byte[] n)
                || n.length < 16 || n.length > 64) {
            throw new IllegalArgumentException("request needs args (map), exp (integer) and nonce (16 to 64 bytes)");
        }
        return new ManageRequest(text(payload, "id", ID), text(payload, "gw", ID), text(payload, "requester", WORD),
                text(payload, "op", WORD), args == null ? Map.of() : (Map<?, ?>) args,
                Instant.ofEpochSecond((Long) exp), n.clone());
    }

    private static String text(Map<?, ?> payload, String key, Pattern pattern) {
        if (payload.get(key) instanceof String value && pattern.matcher(value).matches()) {
            return value;
        }
        throw new IllegalArgumentException("request field '" + key + "' missing or malformed");
    }

    String arg(String key) {
        if (args.get(key) instanceof String value && value.length() <= 4096) {
            return value;
        }
        throw new IllegalArgumentException("argument '" + key + "' missing or not text");
    }
}
