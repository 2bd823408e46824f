package io.wardgate.seal.sealer;

import java.util.HashMap;
import java.util.Map;

/**
 * When a device's batch is sealed. Single threaded (the sealer thread); no clock and no thread of its own,
 * so tests drive it step by step.
 *
 * <p>Adaptive (the default): a batch is sealed as soon as the sealer has worked off what was queued and no
 * envelope of that device is still on its way into the outbox; while one is (its transaction's fsync), the
 * device's readings collect and are sealed together the moment it is committed. Idle, a reading is sealed
 * at once; busy, one envelope per device per outbox commit (group commit at the sealer as at the outbox),
 * so the work per envelope is paid less often exactly when it matters, and at most one commit's worth of
 * readings is held in memory. Fixed: the old window, sealed only at a bound.
 *
 * <p>Bounds in both modes: {@code maxReadings} and {@code maxBytes} here; the window ({@code batchMaxMillis}
 * after a batch's first reading) is a timer of the sealer's.
 */
final class BatchPolicy {
    private final boolean adaptive;
    private final int maxReadings;
    private final long maxBytes;
    private final Map<String, State> devices = new HashMap<>();

    private static final class State {
        int readings;
        long bytes;
        int inFlight;
    }

    BatchPolicy(boolean adaptive, int maxReadings, long maxBytes) {
        if (maxReadings < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("bounds must be positive");
        }
        this.adaptive = adaptive;
        this.maxReadings = maxReadings;
        this.maxBytes = maxBytes;
    }

    /** A reading of {@code bytes} (estimated) joined the device's batch; true: a bound is reached, seal now. */
    boolean added(String device, long bytes) {
        State state = devices.computeIfAbsent(device, d -> new State());
        state.readings++;
        state.bytes += bytes;
        return state.readings >= maxReadings || state.bytes >= maxBytes;
    }

    /** The sealer worked off its queue: true if the device's batch goes now (adaptive, nothing in flight). */
    boolean ready(String device) {
        State state = devices.get(device);
        return adaptive && state != null && state.readings > 0 && state.inFlight == 0;
    }

    /** Its batch was taken to be sealed (or set aside): the device's batch is empty again. */
    void taken(String device) {
        State state = devices.get(device);
        if (state != null) {
            state.readings = 0;
            state.bytes = 0;
            forgetIfIdle(device, state);
        }
    }

    /** One of its envelopes was handed to the outbox and is not yet committed. */
    void handedOver(String device) {
        devices.computeIfAbsent(device, d -> new State()).inFlight++;
    }

    /** The outbox answered for one of its envelopes; true: a batch collected meanwhile goes now. */
    boolean stored(String device) {
        State state = devices.get(device);
        if (state == null) {
            return false;
        }
        state.inFlight = Math.max(0, state.inFlight - 1);
        boolean go = adaptive && state.readings > 0 && state.inFlight == 0;
        forgetIfIdle(device, state);
        return go;
    }

    int inFlight(String device) {
        State state = devices.get(device);
        return state == null ? 0 : state.inFlight;
    }

    /** Devices with a batch or an envelope in flight (memory stays bounded by the active devices). */
    int tracked() {
        return devices.size();
    }

    private void forgetIfIdle(String device, State state) {
        if (state.readings == 0 && state.inFlight == 0) {
            devices.remove(device);
        }
    }
}
