package io.wardgate.check;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The outcome of one check.
 *
 * @param id short stable name, e.g. "permissions" or "listening-sockets"
 * @param requirement the requirement of docs/security.md it evidences, e.g. "S7"
 * @param status pass, fail, or skipped (the check could not run here; never counts as a pass)
 * @param detail what was found, in one or a few lines; never a secret
 */
public record CheckResult(String id, String requirement, Status status, String detail) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    public enum Status {
        PASS,
        FAIL,
        SKIPPED
    }

    public CheckResult {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be lower-case words joined by '-'");
        }
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public static CheckResult pass(String id, String requirement, String detail) {
        return new CheckResult(id, requirement, Status.PASS, detail);
    }

    public static CheckResult fail(String id, String requirement, String detail) {
        return new CheckResult(id, requirement, Status.FAIL, detail);
    }

    public static CheckResult skipped(String id, String requirement, String detail) {
        return new CheckResult(id, requirement, Status.SKIPPED, detail);
    }
}
