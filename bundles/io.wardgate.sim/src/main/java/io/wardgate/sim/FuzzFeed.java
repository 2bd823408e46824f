package io.wardgate.sim;

import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SessionOutput;
import java.time.Instant;

/**
 * How the driver fuzz tests feed a session: in chunks whose size the input's first byte picks (1 to 64),
 * so that the fuzzer also explores where reads split a frame, with a tick after each chunk.
 */
public final class FuzzFeed {
    private FuzzFeed() {
    }

    public static void inChunks(ProtocolSession session, byte[] input, Instant now, SessionOutput out) {
        int chunk = input.length == 0 ? 1 : 1 + (input[0] & 0x3F);
        for (int i = 0; i < input.length; i += chunk) {
            session.receive(input, i, Math.min(chunk, input.length - i), now, out);
            session.tick(now, out);
        }
    }
}
