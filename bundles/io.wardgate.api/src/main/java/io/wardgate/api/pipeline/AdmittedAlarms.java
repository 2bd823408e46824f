package io.wardgate.api.pipeline;

import io.wardgate.api.DeviceAlarms;
import java.util.Objects;

/** Alarm changes the policy let through, with the route their device group gives them. */
public record AdmittedAlarms(DeviceAlarms alarms, Route route) {
    public AdmittedAlarms {
        Objects.requireNonNull(alarms, "alarms");
        Objects.requireNonNull(route, "route");
    }
}
