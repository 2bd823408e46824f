package io.wardgate.policy.internal;

import io.wardgate.api.DeviceSighting;
import io.wardgate.policy.api.PendingDevice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The bounded list of devices waiting for approval, by device id. When full, new devices are not
 * added (an existing request is never pushed out by a flood of new ones); entries not seen for
 * the expiry time leave by themselves.
 */
final class PendingDevices {
    enum Offer {
        ADDED,
        UPDATED,
        FULL
    }

    private final Map<String, PendingDevice> devices = new LinkedHashMap<>();
    private int max;
    private Duration expiry;

    PendingDevices(int max, Duration expiry) {
        configure(max, expiry);
    }

    synchronized void configure(int newMax, Duration newExpiry) {
        this.max = newMax;
        this.expiry = newExpiry;
    }

    synchronized Offer offer(DeviceSighting sighting, String reason, Instant now) {
        expire(now);
        String id = sighting.identity().id();
        PendingDevice old = devices.get(id);
        if (old == null) {
            if (devices.size() >= max) {
                return Offer.FULL;
            }
            devices.put(id, new PendingDevice(sighting, now, now, 1, reason));
            return Offer.ADDED;
        }
        // Same device: what was seen before stays unless seen anew (a readings batch brings its metrics,
        // a BLE sighting its address type and services; neither erases the other).
        DeviceSighting kept = sighting;
        if (old.sighting().identity().equals(sighting.identity())) {
            Map<String, String> details = new java.util.HashMap<>(old.sighting().details());
            details.putAll(sighting.details());
            kept = details.size() > DeviceSighting.MAX_DETAILS ? sighting
                    : new DeviceSighting(sighting.identity(), sighting.location(), details, sighting.at());
        }
        devices.put(id, new PendingDevice(kept, old.firstSeen(), now, old.seen() + 1, reason));
        return Offer.UPDATED;
    }

    synchronized PendingDevice get(String deviceId) {
        return devices.get(deviceId);
    }

    synchronized PendingDevice remove(String deviceId) {
        return devices.remove(deviceId);
    }

    synchronized void removeIf(Predicate<PendingDevice> condition) {
        devices.values().removeIf(condition);
    }

    synchronized List<PendingDevice> list(Instant now) {
        expire(now);
        return List.copyOf(new ArrayList<>(devices.values()));
    }

    synchronized int size() {
        return devices.size();
    }

    synchronized boolean full() {
        return devices.size() >= max;
    }

    private void expire(Instant now) {
        Instant cutoff = now.minus(expiry);
        devices.values().removeIf(p -> p.lastSeen().isBefore(cutoff));
    }
}
