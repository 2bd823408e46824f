package io.wardgate.api.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What became of a change.
 *
 * @param status applied, refused before anything changed, or rolled back after a component failed
 * @param problems for a refusal: PID to attribute id ("*" for the whole PID) to the reason
 * @param failure for a rollback: why, in plain words; else empty
 * @param applied the PIDs changed, for an applied change
 * @param notices things the user should know although the change was applied (e.g. a component
 *        waits for a service that is not there yet, or the file could not be written)
 */
public record ChangeResult(Status status, Map<String, Map<String, String>> problems, String failure,
        List<String> applied, List<String> notices) {
    /** The outcome. */
    public enum Status { APPLIED, REFUSED, ROLLED_BACK }

    public ChangeResult {
        Objects.requireNonNull(status, "status");
        problems = Map.copyOf(problems);
        failure = failure == null ? "" : failure;
        applied = List.copyOf(applied);
        notices = List.copyOf(notices);
    }

    public static ChangeResult refused(Map<String, Map<String, String>> problems) {
        return new ChangeResult(Status.REFUSED, problems, "", List.of(), List.of());
    }

    public static ChangeResult rolledBack(String failure) {
        return new ChangeResult(Status.ROLLED_BACK, Map.of(), failure, List.of(), List.of());
    }

    public boolean ok() {
        return status == Status.APPLIED;
    }
}
