package io.wardgate.sim;

import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SessionOutput;
import io.wardgate.api.sim.SimulatedDevice;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A host session and a simulated device talking in memory on a virtual clock: no ports, no
 * threads. It records what the device sent (a capture, as a serial sniffer would see it) and what
 * the session decoded.
 */
public final class Conversation {
    private final ByteArrayOutputStream fromDevice = new ByteArrayOutputStream();
    private final List<Decoded> decoded = new ArrayList<>();

    private Conversation() {
    }

    /** Runs the pair for {@code length} of virtual time in steps of {@code step}. */
    public static Conversation run(ProtocolSession session, SimulatedDevice device, Instant start, Duration length,
            Duration step) {
        Conversation conversation = new Conversation();
        conversation.play(session, device, start, length, step);
        return conversation;
    }

    private void play(ProtocolSession session, SimulatedDevice device, Instant start, Duration length, Duration step) {
        List<byte[]> toDevice = new ArrayList<>();
        List<byte[]> toHost = new ArrayList<>();
        SessionOutput out = new SessionOutput() {
            @Override
            public void decoded(Decoded item) {
                decoded.add(item);
            }

            @Override
            public void send(byte[] bytes) {
                toDevice.add(bytes.clone());
            }
        };
        session.start(start, out);
        Instant end = start.plus(length);
        for (Instant now = start; now.isBefore(end); now = now.plus(step)) {
            Instant at = now;
            for (byte[] bytes : drain(toDevice)) {
                device.fromHost(bytes, at, b -> toHost.add(b.clone()));
            }
            device.tick(at, b -> toHost.add(b.clone()));
            for (byte[] bytes : drain(toHost)) {
                fromDevice.writeBytes(bytes);
                session.receive(bytes, 0, bytes.length, at, out);
            }
            session.tick(at, out);
        }
    }

    private static List<byte[]> drain(List<byte[]> queue) {
        List<byte[]> copy = List.copyOf(queue);
        queue.clear();
        return copy;
    }

    /** Every byte the device sent, in order. */
    public byte[] capture() {
        return fromDevice.toByteArray();
    }

    public List<Decoded> decoded() {
        return List.copyOf(decoded);
    }
}
