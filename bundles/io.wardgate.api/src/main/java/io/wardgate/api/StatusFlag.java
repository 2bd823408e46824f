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
    IMPLAUSIBLE(false),
    /**
     * Set by the gateway: the reading was stamped while the gateway's clock was not synchronised and no
     * time source confirmed it before it was forwarded. Its times may be wrong by any amount.
     */
    TIME_UNVERIFIED(false),
    /**
     * Set by the gateway: the device's own clock differed from the gateway's synchronised clock by more than
     * the configured amount (io.wardgate.api.time.DeviceClocks); the device time stamp is not to be trusted.
     */
    DEVICE_CLOCK_OFF(false);

    private final boolean meansNoValue;

    StatusFlag(boolean meansNoValue) {
        this.meansNoValue = meansNoValue;
    }

    public boolean meansNoValue() {
        return meansNoValue;
    }
}
