package io.wardgate.api;

/** Where an alarm condition stands, as the device reported it. */
public enum AlarmState {
    /** The condition is present and the device is alarming. */
    ACTIVE,
    /** The condition is still present but the device's alarm signal was silenced or acknowledged. */
    SILENCED,
    /** The condition is no longer reported. */
    ENDED
}
