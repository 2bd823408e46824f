package io.wardgate.ble;

import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.pipeline.Admission;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** What the driver knows about one Device1 object. Owned by the driver's event thread. */
final class DeviceState {
    final String path;
    final DeviceIdentity identity;
    Admission admission;
    Instant nextAdmission = Instant.MIN;
    Instant nextConnect = Instant.MIN;
    int failures;
    boolean connectedByUs;
    boolean reportedConnected;
    /** Characteristics we asked to notify during the current connection. */
    final Set<String> notifying = new HashSet<>();

    DeviceState(String path, DeviceIdentity identity) {
        this.path = path;
        this.identity = identity;
    }

    boolean allowed() {
        return admission != null && admission.isAllowed();
    }

    /** Doubles the delay before the next attempt, from min up to max. */
    void failed(Instant now, Duration min, Duration max) {
        failures = Math.min(failures + 1, 20);
        Duration delay = min.multipliedBy(1L << Math.min(failures - 1, 16));
        nextConnect = now.plus(delay.compareTo(max) > 0 ? max : delay);
    }

    void succeeded() {
        failures = 0;
    }

    /** The device is advertising or came back: try soon, but not in a tight loop. */
    void retrySoon(Instant now, Duration min) {
        Instant soon = now.plus(min);
        if (nextConnect.isAfter(soon)) {
            nextConnect = soon;
        }
    }
}
