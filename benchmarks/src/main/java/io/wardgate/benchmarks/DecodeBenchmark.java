package io.wardgate.benchmarks;

import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SerialDriver;
import io.wardgate.api.driver.SessionOutput;
import io.wardgate.sim.Conversation;
import io.wardgate.sim.Discovered;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decode throughput per protocol: one minute of what the simulated device sends, fed to a fresh
 * session in 64-byte reads (a serial driver's typical chunk). Score = captures per second; the
 * benchmark prints bytes and readings per capture so MB/s and readings/s follow.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBenchmark {
    private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");

    @Param({"intellivue", "masimo", "nonin-df7", "nonin-df8", "datex", "medibus"})
    public String protocol;

    private byte[] capture;
    private SerialDriver driver;

    @Setup(Level.Trial)
    public void record() {
        driver = Discovered.serialDriver(protocol).orElseThrow();
        Conversation conversation = Conversation.run(driver.openSession(),
                Discovered.simulator(protocol, 7).orElseThrow(), START, Duration.ofMinutes(1), Duration.ofMillis(10));
        capture = conversation.capture();
        long readings = conversation.decoded().stream().filter(d -> d instanceof Decoded.ReadingDecoded).count();
        System.out.printf("%n%s: %d bytes and %d readings per capture%n", protocol, capture.length, readings);
    }

    @Benchmark
    public void decode(Blackhole sink) {
        ProtocolSession session = driver.openSession();
        SessionOutput out = new SessionOutput() {
            @Override
            public void decoded(Decoded item) {
                sink.consume(item);
            }

            @Override
            public void send(byte[] bytes) {
                sink.consume(bytes);
            }
        };
        Instant now = START;
        session.start(now, out);
        for (int offset = 0; offset < capture.length; offset += 64) {
            now = now.plusMillis(5);
            session.receive(capture, offset, Math.min(64, capture.length - offset), now, out);
        }
    }
}
