package io.wardgate.web.port;

import java.util.Objects;

/** A device group (segment): its name, a description for people, and the MDC codes it allows. */
public record DeviceGroup(String name, String description, java.util.List<Integer> metrics) {
    public DeviceGroup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        metrics = java.util.List.copyOf(metrics);
    }
}
