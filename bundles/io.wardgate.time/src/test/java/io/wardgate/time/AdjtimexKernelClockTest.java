package io.wardgate.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.testkit.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running kernel, read through JNA, against the same call made by Python's ctypes with struct timex
 * declared field by field as in include/uapi/linux/timex.h: a wrong offset on our side reads another
 * field (the status would be a time constant, the tick a timeval) and the two disagree.
 */
class AdjtimexKernelClockTest {
    private static final String CTYPES = String.join("\n",
            "import ctypes",
            "class timeval(ctypes.Structure):",
            "    _fields_ = [('tv_sec', ctypes.c_long), ('tv_usec', ctypes.c_long)]",
            "class timex(ctypes.Structure):",
            "    _fields_ = [('modes', ctypes.c_uint), ('offset', ctypes.c_long), ('freq', ctypes.c_long),",
            "                ('maxerror', ctypes.c_long), ('esterror', ctypes.c_long), ('status', ctypes.c_int),",
            "                ('constant', ctypes.c_long), ('precision', ctypes.c_long), ('tolerance', ctypes.c_long),",
            "                ('time', timeval), ('tick', ctypes.c_long), ('rest', ctypes.c_int * 64)]",
            "t = timex()",
            "state = ctypes.CDLL('libc.so.6').adjtimex(ctypes.byref(t))",
            "print(state, t.status, t.maxerror, t.tick)",
            "");

    @TempDir
    Path dir;

    @Test
    void readsTheSameStateStatusMaximumErrorAndTickAsCtypes() throws Exception {
        RequiredTools.require("the adjtimex cross-check", "python3");
        Timex ours = AdjtimexKernelClock.system().read();
        Path script = Files.writeString(dir.resolve("timex.py"), CTYPES);
        String[] theirs = RequiredTools.run("python3", script.toString()).trim().split(" ");

        assertThat(ours.state()).isBetween(Timex.TIME_OK, Timex.TIME_ERROR).isEqualTo(Integer.parseInt(theirs[0]));
        assertThat(ours.status()).isEqualTo(Integer.parseInt(theirs[1]));
        // The kernel adds 500 ppm to the maximum error between updates: two reads moments apart stay close.
        assertThat(ours.maxErrorMicros()).isNotNegative().isCloseTo(Long.parseLong(theirs[2]),
                org.assertj.core.data.Offset.offset(100_000L));
        assertThat(ours.tickMicros()).isPositive().isEqualTo(Long.parseLong(theirs[3]));
    }
}
