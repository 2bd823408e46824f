package io.wardgate.driver.masimo;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Observation;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.SessionOutput;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * What decoding one line costs the reader thread in garbage (issue 25: the gateway's CPU on 20 serial
 * lines; every byte allocated per line is collected again). Bytes allocated by this thread, counted by
 * the JVM (not a time): the spec's example line, after the code has been compiled.
 */
class LineAllocationTest {
    private static final int LINES = 20_000;

    @Test
    void aSpecLineIsDecodedWithoutCompilingOrMatchingRegularExpressions() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).as("the JVM counts allocated bytes").isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        byte[] line = MasimoSessionTest.SPEC_EXAMPLE.getBytes(StandardCharsets.US_ASCII);
        MasimoSession session = new MasimoSession(ZoneOffset.UTC);
        Instant now = Instant.now(); // only stamped on the readings as their receive time
        int[] observations = new int[1];
        SessionOutput out = new SessionOutput() {
            @Override
            public void decoded(Decoded item) {
                if (item instanceof Decoded.ReadingDecoded r && r.reading() instanceof Observation) {
                    observations[0]++;
                }
            }

            @Override
            public void send(byte[] bytes) {
                throw new AssertionError("an ASCII 1 session never sends");
            }
        };
        session.start(now, out);
        for (int i = 0; i < LINES; i++) {
            session.receive(line, 0, line.length, now, out);
        }
        long thread = Thread.currentThread().getId();
        observations[0] = 0;
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < LINES; i++) {
            session.receive(line, 0, line.length, now, out);
        }
        long perLine = (threads.getThreadAllocatedBytes(thread) - before) / LINES;

        assertThat(observations[0]).isEqualTo(8 * LINES);
        // 18,655 bytes with regular expressions and BigDecimal (JDK 17), 6,408 without
        assertThat(perLine).as("bytes allocated per spec line: %d", perLine).isLessThan(10_000);
    }
}
