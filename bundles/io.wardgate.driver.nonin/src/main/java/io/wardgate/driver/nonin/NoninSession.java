package io.wardgate.driver.nonin;

import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SessionOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One Nonin oximeter in one data format: format selection, then framing ({@link SyncFramer}) apart
 * from decoding ({@link FrameDecoder}). Offsets count the bytes received since {@link #start}.
 */
final class NoninSession implements ProtocolSession {
    /** Longer than any pause inside a frame or a DF7 packet, shorter than DF8's one second. */
    static final Duration QUIET = Duration.ofMillis(500);

    private final FormatSelector selector;
    private final SyncFramer framer;
    private final FrameDecoder decoder;
    private long received;
    private Instant lastByteAt;
    private boolean settled = true;

    NoninSession(DataFormat format, FrameCheck check, FrameDecoder decoder) {
        this.selector = new FormatSelector(format);
        this.framer = new SyncFramer(format.frameLength(), check);
        this.decoder = decoder;
    }

    @Override
    public void start(Instant now, SessionOutput out) {
        framer.reset();
        decoder.reset();
        received = 0;
        lastByteAt = null;
        settled = true;
        selector.start(now, out);
    }

    @Override
    public void receive(byte[] bytes, int offset, int length, Instant now, SessionOutput out) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        Sink sink = new Sink(now, out);
        for (int i = offset; i < offset + length; i++) {
            long at = received++;
            if (selector.awaiting() && framer.atFrameStart() && selector.answer(bytes[i], at, out)) {
                continue;
            }
            framer.accept(bytes[i], at, sink);
        }
        if (length > 0) {
            lastByteAt = now;
            settled = false;
        }
    }

    @Override
    public void tick(Instant now, SessionOutput out) {
        selector.tick(now, received, out);
        if (!settled && Duration.between(lastByteAt, now).compareTo(QUIET) >= 0) {
            framer.idle(new Sink(now, out));
            decoder.quiet(received, now, out);
            settled = true;
        }
    }

    /** DF8's lone frames are confirmed by the quiet around them: a tick must come this long after each. */
    @Override
    public Duration pauseToNotice() {
        return QUIET;
    }

    FormatSelector.State selection() {
        return selector.state();
    }

    private final class Sink implements SyncFramer.Sink {
        private final Instant now;
        private final SessionOutput out;

        Sink(Instant now, SessionOutput out) {
            this.now = now;
            this.out = out;
        }

        @Override
        public void frame(long offset, byte[] frame) {
            selector.dataSeen();
            decoder.frame(offset, frame, now, out);
        }

        @Override
        public void skipped(long offset, long count, String reason) {
            out.decoded(new Decoded.FramingError(offset,
                    "skipped " + count + (count == 1 ? " byte: " : " bytes: ") + reason));
        }

        @Override
        public void lost() {
            decoder.lost(now, out);
        }
    }
}
