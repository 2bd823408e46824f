package io.wardgate.update;

/** A package failed a check; the reason is printable and names no secret. */
final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String reason) {
        super(reason);
    }
}
