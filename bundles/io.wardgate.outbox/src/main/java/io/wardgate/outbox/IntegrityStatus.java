package io.wardgate.outbox;

import java.time.Instant;

/**
 * Where the outbox's integrity check of its file stands (status): it runs in the background after the open.
 *
 * @param at when it started (RUNNING) or ended
 * @param millis how long it ran, once ended
 * @param detail what it found, or why it did not finish
 */
record IntegrityStatus(State state, Instant at, long millis, String detail) {
    enum State {
        /** No file was opened yet (or it could not be). */
        NOT_RUN,
        RUNNING,
        PASSED,
        /** Corruption found: the file was moved aside (or will be at once). */
        FAILED,
        /** Stopped (the outbox closed) or could not run (an I/O error); the next open checks again. */
        NOT_FINISHED
    }

    static final IntegrityStatus NOT_RUN_YET = new IntegrityStatus(State.NOT_RUN, null, 0, "");

    /** One short line, e.g. "passed at 2026-12-07T11:00:00Z in 1234 ms". */
    String text() {
        return switch (state) {
            case NOT_RUN -> "not run";
            case RUNNING -> "running since " + at;
            case PASSED -> "passed at " + at + " in " + millis + " ms";
            case FAILED -> "failed at " + at + " after " + millis + " ms: " + detail;
            case NOT_FINISHED -> "not finished (" + detail + ") at " + at + " after " + millis + " ms";
        };
    }
}
