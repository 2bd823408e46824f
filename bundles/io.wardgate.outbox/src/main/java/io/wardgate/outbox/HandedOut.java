package io.wardgate.outbox;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Which stored envelopes are handed out (in flight) and for which device. Memory only: after a restart all are due again. */
final class HandedOut {
    private final Map<Long, String> deviceById = new HashMap<>();
    private final Map<String, Set<Long>> idsByDevice = new HashMap<>();

    synchronized boolean contains(long id) {
        return deviceById.containsKey(id);
    }

    synchronized int count(String device) {
        Set<Long> ids = idsByDevice.get(device);
        return ids == null ? 0 : ids.size();
    }

    synchronized void add(long id, String device) {
        deviceById.put(id, device);
        idsByDevice.computeIfAbsent(device, d -> new HashSet<>()).add(id);
    }

    synchronized void remove(long id) {
        String device = deviceById.remove(id);
        if (device == null) {
            return;
        }
        Set<Long> ids = idsByDevice.get(device);
        ids.remove(id);
        if (ids.isEmpty()) {
            idsByDevice.remove(device);
        }
    }

    synchronized int size() {
        return deviceById.size();
    }

    synchronized void clear() {
        deviceById.clear();
        idsByDevice.clear();
    }
}
