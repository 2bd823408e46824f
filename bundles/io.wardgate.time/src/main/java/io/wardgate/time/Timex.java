package io.wardgate.time;

/**
 * What adjtimex(2) read with {@code modes = 0} returns: the clock state and the fields WardGate
 * reads of {@code struct timex}. Constants from the Linux man page adjtimex(2) and
 * include/uapi/linux/timex.h.
 *
 * @param state the call's return value: TIME_OK (0), TIME_INS (1), TIME_DEL (2), TIME_OOP (3),
 *     TIME_WAIT (4) or TIME_ERROR (5)
 * @param status the status bits, STA_UNSYNC among them
 * @param maxErrorMicros the kernel's maximum error, in microseconds
 * @param estErrorMicros the estimated error, in microseconds
 * @param tickMicros microseconds between clock ticks (10000 at HZ = 100)
 */
public record Timex(int state, int status, long maxErrorMicros, long estErrorMicros, long tickMicros) {
    public static final int TIME_OK = 0;
    public static final int TIME_WAIT = 4;
    public static final int TIME_ERROR = 5;
    /** Clock unsynchronised (timex.h). */
    public static final int STA_UNSYNC = 0x0040;

    /** Synchronised: a state other than TIME_ERROR and STA_UNSYNC clear (adjtimex(2), RETURN VALUE). */
    public boolean synchronised() {
        return state >= TIME_OK && state < TIME_ERROR && (status & STA_UNSYNC) == 0;
    }

    /** The state's name as the man page gives it. */
    public String stateName() {
        return switch (state) {
            case 0 -> "TIME_OK";
            case 1 -> "TIME_INS";
            case 2 -> "TIME_DEL";
            case 3 -> "TIME_OOP";
            case 4 -> "TIME_WAIT";
            case 5 -> "TIME_ERROR";
            default -> "state " + state;
        };
    }
}
