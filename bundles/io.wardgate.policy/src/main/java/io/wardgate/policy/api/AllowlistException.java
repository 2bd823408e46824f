package io.wardgate.policy.api;

import java.util.List;

/** A change to the allowlist was refused; nothing was changed. */
public class AllowlistException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public AllowlistException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public AllowlistException(String problem) {
        this(List.of(problem));
    }

    /** Each problem, naming the bad item, e.g. "devices[3] (serial:/dev/ttyUSB3): group 'icu' is not defined". */
    public List<String> problems() {
        return problems;
    }
}
