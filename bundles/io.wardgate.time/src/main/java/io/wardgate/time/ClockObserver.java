package io.wardgate.time;

import io.wardgate.api.time.ClockState;
import io.wardgate.api.time.Synchronisation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/** One look at the clock: the kernel's state and the board's time source, as a {@link ClockState}. */
public final class ClockObserver {
    private final Supplier<KernelClock> kernel;
    private final Path root;
    private final Clock clock;

    /**
     * @param kernel the kernel clock, asked again at each look (it may fail to load on this platform)
     * @param root the file system root the board is read under
     * @param clock the wall clock the observation is dated by
     */
    public ClockObserver(Supplier<KernelClock> kernel, Path root, Clock clock) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.root = Objects.requireNonNull(root, "root");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The running system: adjtimex(2) and "/". */
    public static ClockObserver system(Clock clock) {
        return new ClockObserver(() -> () -> AdjtimexKernelClock.system().read(), Path.of("/"), clock);
    }

    public ClockState observe() {
        BoardTime board = BoardTime.read(root);
        String rtc = board.rtc().isEmpty() ? "no real-time clock" : "real-time clock " + board.rtc();
        String source = board.source().equals(BoardTime.NONE) ? "no time daemon found" : board.source() + " found";
        Timex timex;
        try {
            timex = kernel.get().read();
        } catch (IOException | RuntimeException e) {
            return new ClockState(Synchronisation.UNKNOWN, board.source(), null, !board.rtc().isEmpty(),
                    clock.instant(), "kernel clock state unreadable (" + printable(e.getMessage()) + "); " + source
                            + "; " + rtc);
        }
        Synchronisation state = timex.synchronised() ? Synchronisation.SYNCHRONISED : Synchronisation.UNSYNCHRONISED;
        Duration maxError = timex.maxErrorMicros() >= 0 ? Duration.ofNanos(Math.multiplyExact(
                Math.min(timex.maxErrorMicros(), Long.MAX_VALUE / 1000), 1000L)) : null;
        String kernelLine = "kernel " + timex.stateName() + ", STA_UNSYNC "
                + ((timex.status() & Timex.STA_UNSYNC) != 0 ? "set" : "clear")
                + (maxError == null ? "" : ", maximum error " + millis(maxError));
        return new ClockState(state, board.source(), maxError, !board.rtc().isEmpty(), clock.instant(),
                kernelLine + "; " + source + "; " + rtc);
    }

    private static String millis(Duration d) {
        long ms = d.toMillis();
        return ms >= 10_000 ? d.toSeconds() + " s" : ms + " ms";
    }

    private static String printable(String s) {
        if (s == null) {
            return "no reason given";
        }
        String clean = s.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() <= 160 ? clean : clean.substring(0, 157) + "...";
    }
}
