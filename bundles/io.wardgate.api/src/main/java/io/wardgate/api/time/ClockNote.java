package io.wardgate.api.time;

/**
 * The gateway's signed statements about its own clock, sealed as alarm changes (precedence ALARM, so
 * the outbox hands them out before any backlog) of the pseudo-device {@link #DEVICE_ID} in the same
 * boot epoch as the readings they are about. docs/envelope.md, "Gateway clock notes", says how a
 * receiver applies them; the receiver in io.wardgate.receiver does.
 */
public final class ClockNote {
    /** The pseudo-device's address on the local transport; its device id is {@value #DEVICE_ID}. */
    public static final String ADDRESS = "wardgate-clock";
    public static final String DEVICE_ID = "local:" + ADDRESS;
    /**
     * The clock is not synchronised: every gateway time stamped in this epoch is unverified until a
     * {@link #SYNCHRONISED} note says otherwise. Alarm state ACTIVE; gateway time = when it was noted.
     */
    public static final String UNVERIFIED = "wardgate:clock-unverified";
    /**
     * Prefix of the code of a synchronisation note, followed by the ambiguity window in milliseconds
     * (e.g. {@code wardgate:clock-synchronised:10000}). Alarm state ENDED; device time = a moment on the
     * old (unsynchronised) timeline, gateway time = the same moment on the synchronised one. A gateway
     * time {@code s} stamped in this epoch with {@code s <= deviceTime} is on the old timeline and is
     * re-stamped {@code s + (gatewayTime - deviceTime)}, unless {@code s >= gatewayTime - window} (it may
     * be on either timeline: then it stays as stamped and is flagged {@code TIME_UNVERIFIED}).
     */
    public static final String SYNCHRONISED = "wardgate:clock-synchronised:";

    private ClockNote() {
    }
}
