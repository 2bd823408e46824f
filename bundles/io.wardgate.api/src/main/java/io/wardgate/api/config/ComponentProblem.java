package io.wardgate.api.config;

/**
 * A configured component that does not run.
 *
 * @param component the component's name
 * @param pid the configuration it was given
 * @param state "failed" (it threw while starting), "waiting" (a service it needs is missing) or
 *        "unconfigured"
 * @param reason in plain words, one line, no stack trace
 */
public record ComponentProblem(String component, String pid, String state, String reason) {
}
