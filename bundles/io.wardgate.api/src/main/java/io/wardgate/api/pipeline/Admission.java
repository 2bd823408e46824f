package io.wardgate.api.pipeline;

import java.util.Objects;

/**
 * The policy's decision about one device.
 *
 * @param verdict allowed, pending or denied
 * @param route where its data goes, for an allowed device; null otherwise
 * @param reason why, in a few words (for logs and audit), never secret
 */
public record Admission(Verdict verdict, Route route, String reason) {
    public Admission {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        if ((verdict == Verdict.ALLOWED) != (route != null)) {
            throw new IllegalArgumentException("an allowed device has a route, and only an allowed one");
        }
    }

    public static Admission allowed(Route route, String reason) {
        return new Admission(Verdict.ALLOWED, route, reason);
    }

    public static Admission pending(String reason) {
        return new Admission(Verdict.PENDING, null, reason);
    }

    public static Admission denied(String reason) {
        return new Admission(Verdict.DENIED, null, reason);
    }

    public boolean isAllowed() {
        return verdict == Verdict.ALLOWED;
    }
}
