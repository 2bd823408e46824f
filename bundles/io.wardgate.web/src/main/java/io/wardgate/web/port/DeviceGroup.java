package io.wardgate.web.port;

import java.util.Objects;

/** A device group (segment): its name and a description for people. */
public record DeviceGroup(String name, String description) {
    public DeviceGroup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }
}
