package io.wardgate.outbox;

import io.wardgate.api.pipeline.EnvelopeTags;
import io.wardgate.api.pipeline.SealedEnvelope;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The outbox as the appliance wires it (system wall clock, System.nanoTime), in a JVM of its own that
 * {@link FaketimeClockStepTest} runs under libfaketime. Commands on stdin, one answer line each:
 * "store N" (N envelopes sealed now), "count" (a sweep, then the number stored), "exit".
 */
public final class FaketimeOutboxMain {
    private FaketimeOutboxMain() {
    }

    public static void main(String[] args) throws Exception {
        OutboxSettings settings = new OutboxSettings(Path.of(args[0]), 1L << 24, Duration.ofMinutes(10),
                FullPolicy.DROP_OLDEST_LOWEST_PRIORITY, 0, Duration.ofSeconds(1));
        long sequence = Long.parseLong(args[1]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        try (OutboxEngine outbox = new OutboxEngine(settings, Clock.systemUTC(), System::nanoTime, () -> null)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.trim().split(" ");
                switch (words[0]) {
                    case "store" -> {
                        for (int i = 0; i < Integer.parseInt(words[1]); i++) {
                            Instant now = Instant.now();
                            outbox.store(new SealedEnvelope(new EnvelopeTags("wg-test", "serial:/dev/ttyUSB0", 1,
                                    sequence++, now, "wardgate/s/w/wg-test/data/vitals", 5, 1), new byte[64]));
                        }
                        System.out.println("stored at " + Instant.now());
                    }
                    case "count" -> {
                        outbox.sweepNow();
                        System.out.println("count " + outbox.status().envelopes() + " at " + Instant.now());
                    }
                    default -> {
                        System.out.println("bye");
                        return;
                    }
                }
                System.out.flush();
            }
        }
    }
}
