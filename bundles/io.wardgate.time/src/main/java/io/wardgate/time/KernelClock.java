package io.wardgate.time;

import java.io.IOException;

/** The seam to the kernel's clock discipline: one read-only adjtimex(2) call. */
public interface KernelClock {

    /** The kernel's current view; an IOException when it cannot be read here (not Linux, no libc). */
    Timex read() throws IOException;
}
