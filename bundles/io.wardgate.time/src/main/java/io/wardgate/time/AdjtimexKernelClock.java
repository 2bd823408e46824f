package io.wardgate.time;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;

/**
 * adjtimex(2) through libc with {@code modes = 0}: reads, never changes, the clock, and needs no
 * privilege. {@code struct timex} is read by offset: an int (modes) and then C longs, so every field
 * up to {@code tick} sits at a multiple of the platform's long size (4 on armhf, 8 on arm64 and
 * x86_64), {@code time} (a struct timeval of two longs) taking two slots.
 */
public final class AdjtimexKernelClock implements KernelClock {
    /** Larger than struct timex on every Linux ABI (208 bytes on 64-bit). */
    private static final int BUFFER = 512;
    private static final int MAXERROR = 3;
    private static final int ESTERROR = 4;
    private static final int STATUS = 5;
    private static final int TICK = 11;

    private interface Libc extends Library {
        int adjtimex(Pointer timex) throws LastErrorException;
    }

    private final Libc libc;

    private AdjtimexKernelClock(Libc libc) {
        this.libc = libc;
    }

    /** The running kernel's clock; fails on anything but Linux. */
    public static AdjtimexKernelClock system() throws IOException {
        if (!Platform.isLinux()) {
            throw new IOException("adjtimex(2) exists on Linux only, not on " + System.getProperty("os.name"));
        }
        try {
            return new AdjtimexKernelClock(Native.load("c", Libc.class));
        } catch (UnsatisfiedLinkError e) {
            throw new IOException("libc cannot be loaded through JNA: " + e.getMessage(), e);
        }
    }

    @Override
    public Timex read() throws IOException {
        try (Memory timex = new Memory(BUFFER)) {
            timex.clear(); // modes = 0: read only
            int state = libc.adjtimex(timex);
            long size = NativeLong.SIZE;
            return new Timex(state, timex.getInt(STATUS * size), cLong(timex, MAXERROR * size),
                    cLong(timex, ESTERROR * size), cLong(timex, TICK * size));
        } catch (LastErrorException e) {
            throw new IOException("adjtimex(2) failed with errno " + e.getErrorCode(), e);
        }
    }

    private static long cLong(Pointer p, long offset) {
        return p.getNativeLong(offset).longValue();
    }
}
