package io.wardgate.api;

/**
 * What a device (or the gateway) says about a reading besides its value. A flag whose
 * {@link #meansNoValue()} is true marks a reading that carries no clinical number: the reading is
 * forwarded as a status, never as a number.
 */
public enum StatusFlag {
    INVALID(true),
    UNAVAILABLE(true),
    CALIBRATING(true),
    TEST(true),
    DEMO(true),
    NOT_UPDATED(true),
    ABOVE_RANGE(true),
    BELOW_RANGE(true),
    QUESTIONABLE(false),
    IN_ALARM(false),
    ALARM_INHIBITED(false),
    EARLY_INDICATION(false),
    MEASUREMENT_ONGOING(false),
    VALIDATED(false),
    FROM_STORAGE(false),
    SENSOR_PROBLEM(false),
    LOW_PERFUSION(false),
    ARTIFACT(false),
    DEVICE_CLOCK_NOT_SET(false),
    /** Set by the gateway's policy when a value lies outside its group's plausibility range. */
    IMPLAUSIBLE(false);

    private final boolean meansNoValue;

    StatusFlag(boolean meansNoValue) {
        this.meansNoValue = meansNoValue;
    }

    public boolean meansNoValue() {
        return meansNoValue;
    }
}
