package io.wardgate.api.pipeline;

import io.wardgate.api.DeviceReadings;
import java.util.Objects;

/** Readings the policy let through, with the route their device group gives them. */
public record AdmittedReadings(DeviceReadings readings, Route route) {
    public AdmittedReadings {
        Objects.requireNonNull(readings, "readings");
        Objects.requireNonNull(route, "route");
    }
}
