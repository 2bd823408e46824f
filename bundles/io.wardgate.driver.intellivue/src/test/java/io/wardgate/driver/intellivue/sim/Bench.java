package io.wardgate.driver.intellivue.sim;

import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.WaveformSegment;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SessionOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A host session and a simulated monitor joined in memory, on a simulated clock: the monitor ticks every
 * 10 ms, the session every 100 ms, and bytes reach the host in odd-sized chunks. No I/O, no threads.
 */
final class Bench {
    static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final Duration STEP = Duration.ofMillis(10);
    private static final int CHUNK = 7;

    final ProtocolSession session;
    final IntelliVueMonitor monitor;
    final List<Decoded> decoded = new ArrayList<>();
    /** When each frame left the host. */
    final List<Instant> hostSends = new ArrayList<>();
    private final ArrayDeque<byte[]> toMonitor = new ArrayDeque<>();
    private final ArrayDeque<byte[]> toHost = new ArrayDeque<>();
    private final Consumer<byte[]> wire = toHost::add;
    private final SessionOutput out = new SessionOutput() {
        @Override
        public void decoded(Decoded item) {
            decoded.add(item);
        }

        @Override
        public void send(byte[] bytes) {
            hostSends.add(now);
            toMonitor.add(bytes);
        }
    };
    Instant now = T0;
    private long steps;

    Bench(ProtocolSession session, IntelliVueMonitor monitor) {
        this.session = session;
        this.monitor = monitor;
    }

    void start() {
        session.start(now, out);
        pump();
    }

    void run(Duration duration) {
        Instant end = now.plus(duration);
        while (now.isBefore(end)) {
            now = now.plus(STEP);
            steps++;
            monitor.tick(now, wire);
            if (steps % 10 == 0) {
                session.tick(now, out);
            }
            pump();
        }
    }

    private void pump() {
        while (!toMonitor.isEmpty() || !toHost.isEmpty()) {
            while (!toMonitor.isEmpty()) {
                monitor.fromHost(toMonitor.poll(), now, wire);
            }
            while (!toHost.isEmpty()) {
                byte[] bytes = toHost.poll();
                for (int offset = 0; offset < bytes.length; offset += CHUNK) {
                    session.receive(bytes, offset, Math.min(CHUNK, bytes.length - offset), now, out);
                }
            }
        }
    }

    int mark() {
        return decoded.size();
    }

    <T extends Decoded> List<T> since(int mark, Class<T> type) {
        return decoded.subList(mark, decoded.size()).stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends Decoded> List<T> all(Class<T> type) {
        return since(0, type);
    }

    List<Observation> observationsSince(int mark) {
        return readingsSince(mark, Observation.class);
    }

    List<WaveformSegment> segmentsSince(int mark) {
        return readingsSince(mark, WaveformSegment.class);
    }

    private <R extends Reading> List<R> readingsSince(int mark, Class<R> type) {
        return since(mark, Decoded.ReadingDecoded.class).stream().map(Decoded.ReadingDecoded::reading)
                .filter(type::isInstance).map(type::cast).toList();
    }
}
