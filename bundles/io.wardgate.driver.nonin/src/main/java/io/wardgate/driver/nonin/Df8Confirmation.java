package io.wardgate.driver.nonin;

import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.SessionOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * DF8 has no checksum: four bytes of line noise pass its frame check about one time in thirty, so a
 * frame is forwarded as a clean reading only once its boundary is confirmed (issue #17 item 4):
 * <ul>
 * <li>by the device's frame timing: the oximeter sends one frame a second, so a real frame arrives
 * alone between two quiet periods ({@link NoninSession#QUIET}): it starts with the first byte after
 * a quiet line, the line is quiet again after it, and the frames before and after it are at least
 * {@link NoninSession#QUIET} away (noise at a random moment between two frames is nearer one of
 * them); such a frame waits for the next one; or
 * <li>by the frames that follow: it is one of a contiguous run of at least {@value #RUN} good frames
 * at the boundary (a capture replayed, or a backlog read at once; live, frames are a second apart, so
 * noise would have to pass the check three times in a row right before a frame: about one in 30^3).
 * </ul>
 * Anything else (a frame inside or right after a burst, the frames that locked the framer next to
 * noise, a run broken by bad bytes) is forwarded with {@link StatusFlag#QUESTIONABLE}, values kept.
 * Frames wait here for at most one quiet period; what is decided is handed to {@link Df8}.
 */
final class Df8Confirmation implements FrameDecoder {
    static final int RUN = 4;

    private record Pending(long offset, byte[] frame, Instant at) {
    }

    private final Df8 df8;
    private final List<Pending> run = new ArrayList<>(RUN);
    /** A lone frame between quiet periods, waiting for the next frame to confirm the cadence. */
    private Pending held;
    /** When the frame before the current run arrived. */
    private Instant previousAt;
    private boolean runConfirmed;
    /** Offset of the first byte after the last quiet period (the session's start counts as quiet). */
    private long afterQuiet;

    Df8Confirmation(Df8 df8) {
        this.df8 = df8;
    }

    @Override
    public void frame(long offset, byte[] frame, Instant now, SessionOutput out) {
        if (held != null) {
            release(List.of(held), !farEnough(held.at(), now), out);
            held = null;
        }
        if (runConfirmed) {
            df8.frame(offset, frame, now, out);
            return;
        }
        run.add(new Pending(offset, frame, now));
        if (run.size() >= RUN) {
            runConfirmed = true;
            release(false, out);
        }
    }

    @Override
    public void lost(Instant now, SessionOutput out) {
        if (held != null) {
            release(List.of(held), true, out); // what followed it was not a frame
            held = null;
        }
        release(true, out);
        runConfirmed = false;
    }

    @Override
    public void quiet(long nextOffset, Instant now, SessionOutput out) {
        if (run.size() == 1 && run.get(0).offset() == afterQuiet
                && (previousAt == null || farEnough(previousAt, run.get(0).at()))) {
            held = run.remove(0);
            previousAt = held.at();
        }
        release(true, out);
        runConfirmed = false;
        afterQuiet = nextOffset;
        df8.flush(now, out);
    }

    @Override
    public void flush(Instant now, SessionOutput out) {
        lost(now, out);
    }

    @Override
    public void reset() {
        run.clear();
        held = null;
        previousAt = null;
        runConfirmed = false;
        afterQuiet = 0;
        df8.reset();
    }

    private void release(boolean questionable, SessionOutput out) {
        if (!run.isEmpty()) {
            previousAt = run.get(run.size() - 1).at();
            release(run, questionable, out);
            run.clear();
        }
    }

    private void release(List<Pending> frames, boolean questionable, SessionOutput out) {
        SessionOutput to = questionable ? new Questionable(out) : out;
        for (Pending pending : frames) {
            df8.frame(pending.offset(), pending.frame(), pending.at(), to);
        }
    }

    private static boolean farEnough(Instant earlier, Instant later) {
        return Duration.between(earlier, later).compareTo(NoninSession.QUIET) >= 0;
    }

    /** Adds QUESTIONABLE to every reading passing through. */
    private record Questionable(SessionOutput out) implements SessionOutput {
        @Override
        public void decoded(Decoded item) {
            if (item instanceof Decoded.ReadingDecoded r && r.reading() instanceof Observation o) {
                EnumSet<StatusFlag> status = EnumSet.of(StatusFlag.QUESTIONABLE);
                status.addAll(o.status());
                out.decoded(new Decoded.ReadingDecoded(r.offset(),
                        new Observation(o.metric(), o.unit(), o.value(), status, o.deviceTime(), o.receivedAt())));
            } else {
                out.decoded(item);
            }
        }

        @Override
        public void send(byte[] bytes) {
            out.send(bytes);
        }
    }
}
