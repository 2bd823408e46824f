package io.wardgate.sim.pty;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The few libc calls a pseudo-terminal pair needs (glibc or musl on Linux). Constants are the Linux
 * values for x86, x86-64, ARM and AArch64 (asm-generic); other Linux architectures differ, so
 * {@link PtyPair#open()} refuses to run anywhere else.
 */
interface LibC extends Library {
    int O_RDWR = 0x2;
    int O_NOCTTY = 0x100;
    int O_NONBLOCK = 0x800;
    int F_GETFL = 3;
    int F_SETFL = 4;
    int TCSANOW = 0;
    short POLLIN = 0x1;
    short POLLOUT = 0x4;
    int EINTR = 4;
    int EAGAIN = 11;
    /** glibc's struct termios has 60 bytes; this leaves ample room and is only ever passed back to libc. */
    int TERMIOS_BYTES = 256;

    int posix_openpt(int flags);

    int grantpt(int fd);

    int unlockpt(int fd);

    int ptsname_r(int fd, byte[] buffer, NativeLong length);

    int open(String path, int flags);

    int fcntl(int fd, int command, int argument);

    int tcgetattr(int fd, Pointer termios);

    void cfmakeraw(Pointer termios);

    int tcsetattr(int fd, int when, Pointer termios);

    NativeLong read(int fd, Pointer buffer, NativeLong count);

    NativeLong write(int fd, Pointer buffer, NativeLong count);

    /** @param fds one struct pollfd per entry: int fd, short events, short revents (8 bytes) */
    int poll(Pointer fds, NativeLong count, int timeoutMillis);

    int close(int fd);

    /** Loaded on first use, once per class loader. */
    final class Holder {
        static final LibC C = Native.load("c", LibC.class);

        private Holder() {
        }
    }
}
