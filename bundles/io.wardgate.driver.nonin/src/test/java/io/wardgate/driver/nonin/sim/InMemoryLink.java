package io.wardgate.driver.nonin.sim;

import io.wardgate.api.Observation;
import io.wardgate.api.VitalSign;
import io.wardgate.api.WaveformSegment;
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
 * A host session and a simulated device joined in memory on a fake clock: the device ticks every
 * 10 ms, the session every 100 ms; the device's bytes reach the session one at a time.
 */
final class InMemoryLink implements SessionOutput {
    static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

    final List<Decoded> decoded = new ArrayList<>();
    final List<byte[]> sentByHost = new ArrayList<>();
    /** Everything the device wrote, in order: a capture of the line. */
    final ByteArrayOutputStream deviceBytes = new ByteArrayOutputStream();
    private final ProtocolSession session;
    private final SimulatedDevice device;
    private Instant now = T0;
    private long steps;

    InMemoryLink(ProtocolSession session, SimulatedDevice device) {
        this.session = session;
        this.device = device;
        session.start(now, this);
    }

    void run(Duration duration) {
        Instant end = now.plus(duration);
        while (now.isBefore(end)) {
            now = now.plusMillis(10);
            device.tick(now, this::toHost);
            if (++steps % 10 == 0) {
                session.tick(now, this);
            }
        }
    }

    @Override
    public void decoded(Decoded item) {
        decoded.add(item);
    }

    @Override
    public void send(byte[] bytes) {
        sentByHost.add(bytes.clone());
        device.fromHost(bytes, now, this::toHost);
    }

    private void toHost(byte[] bytes) {
        deviceBytes.writeBytes(bytes);
        for (int i = 0; i < bytes.length; i++) {
            session.receive(bytes, i, 1, now, this);
        }
    }

    List<Observation> observations(VitalSign sign) {
        return decoded.stream().filter(Decoded.ReadingDecoded.class::isInstance)
                .map(d -> ((Decoded.ReadingDecoded) d).reading()).filter(Observation.class::isInstance)
                .map(Observation.class::cast).filter(o -> o.metric().equals(sign.metric())).toList();
    }

    List<WaveformSegment> waves() {
        return decoded.stream().filter(Decoded.ReadingDecoded.class::isInstance)
                .map(d -> ((Decoded.ReadingDecoded) d).reading()).filter(WaveformSegment.class::isInstance)
                .map(WaveformSegment.class::cast).toList();
    }

    List<Decoded.FramingError> errors() {
        return decoded.stream().filter(Decoded.FramingError.class::isInstance)
                .map(Decoded.FramingError.class::cast).toList();
    }

    void clear() {
        decoded.clear();
    }
}
