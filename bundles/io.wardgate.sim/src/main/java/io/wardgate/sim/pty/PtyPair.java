package io.wardgate.sim.pty;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A pseudo-terminal pair made from Java (posix_openpt, grantpt, unlockpt, ptsname_r through JNA), in
 * raw mode, so a test or a simulator needs no socat. The device side uses the master streams; the
 * gateway opens {@link #slavePath()} like any serial port.
 *
 * <p>The master is non-blocking and every wait is a poll of at most {@value #POLL_MILLIS} ms, so
 * {@link #close()} ends blocked reads and writes quickly; closing takes a write lock so the file
 * descriptor is never closed under a call in progress. The pair keeps a descriptor of the slave open
 * itself: the master then never sees a hang-up while the gateway has the port closed (bytes wait in
 * the terminal's buffer, and writes wait when it is full, as on a line with flow control).
 */
public final class PtyPair implements Closeable {
    static final int POLL_MILLIS = 100;
    private static final int CHUNK = 4096;

    private final LibC c;
    private final int master;
    private final int slave;
    private final Path slavePath;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;
    /** Guarded by the write lock: the descriptors are closed exactly once. */
    private boolean released;
    private final InputStream input = new MasterInput();
    private final OutputStream output = new MasterOutput();

    private PtyPair(LibC c, int master, int slave, Path slavePath) {
        this.c = c;
        this.master = master;
        this.slave = slave;
        this.slavePath = slavePath;
    }

    /** Opens a new pair. Linux only. */
    public static PtyPair open() throws IOException {
        if (!Platform.isLinux() || !(Platform.isIntel() || Platform.isARM())) {
            throw new IOException("pseudo-terminal pairs are implemented for Linux on x86 and ARM only");
        }
        LibC c = LibC.Holder.C;
        int master = c.posix_openpt(LibC.O_RDWR | LibC.O_NOCTTY);
        if (master < 0) {
            throw failure("posix_openpt");
        }
        int slave = -1;
        try {
            check(c.grantpt(master), "grantpt");
            check(c.unlockpt(master), "unlockpt");
            byte[] name = new byte[128];
            check(c.ptsname_r(master, name, new NativeLong(name.length)), "ptsname_r");
            String path = new String(name, 0, length(name), StandardCharsets.US_ASCII);
            slave = c.open(path, LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_NONBLOCK);
            check(slave, "open " + path);
            makeRaw(c, slave);
            int flags = c.fcntl(master, LibC.F_GETFL, 0);
            check(flags, "fcntl F_GETFL");
            check(c.fcntl(master, LibC.F_SETFL, flags | LibC.O_NONBLOCK), "fcntl F_SETFL");
            return new PtyPair(c, master, slave, Path.of(path));
        } catch (IOException e) {
            if (slave >= 0) {
                c.close(slave);
            }
            c.close(master);
            throw e;
        }
    }

    /** The path the gateway opens, e.g. /dev/pts/3. */
    public Path slavePath() {
        return slavePath;
    }

    /** Bytes the host wrote to the slave. {@code read} waits for data and returns -1 once the pair is closed. */
    public InputStream masterInput() {
        return input;
    }

    /** Bytes to the host. {@code write} waits while the terminal buffer is full; throws once the pair is closed. */
    public OutputStream masterOutput() {
        return output;
    }

    public boolean isOpen() {
        return !closed;
    }

    /** Closes both ends: the host sees the line hang up, as when a USB adapter is pulled. */
    @Override
    public void close() {
        closed = true;
        lock.writeLock().lock();
        try {
            if (!released) {
                released = true;
                c.close(slave);
                c.close(master);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "PtyPair[" + slavePath + (closed ? ", closed" : "") + "]";
    }

    private static void makeRaw(LibC c, int fd) throws IOException {
        Memory termios = new Memory(LibC.TERMIOS_BYTES);
        termios.clear();
        check(c.tcgetattr(fd, termios), "tcgetattr");
        c.cfmakeraw(termios);
        check(c.tcsetattr(fd, LibC.TCSANOW, termios), "tcsetattr");
    }

    private static int length(byte[] cString) {
        int n = 0;
        while (n < cString.length && cString[n] != 0) {
            n++;
        }
        return n;
    }

    private static void check(int result, String call) throws IOException {
        if (result < 0) {
            throw failure(call);
        }
    }

    private static IOException failure(String call) {
        return new IOException(call + " failed: errno " + Native.getLastError());
    }

    /**
     * Waits up to one poll interval for the master to be ready, then moves at most {@code count}
     * bytes. Returns the bytes moved, 0 when nothing was ready, -1 when the pair is closed.
     */
    private int transfer(boolean reading, Memory buffer, int count) throws IOException {
        lock.readLock().lock();
        try {
            if (closed) {
                return -1;
            }
            Memory pollfd = new Memory(8);
            pollfd.setInt(0, master);
            pollfd.setShort(4, reading ? LibC.POLLIN : LibC.POLLOUT);
            pollfd.setShort(6, (short) 0);
            int ready = c.poll(pollfd, new NativeLong(1), POLL_MILLIS);
            if (ready < 0) {
                int errno = Native.getLastError();
                if (errno == LibC.EINTR) {
                    return 0;
                }
                throw new IOException("poll failed: errno " + errno);
            }
            if (ready == 0) {
                return 0;
            }
            long moved = reading
                    ? c.read(master, buffer, new NativeLong(count)).longValue()
                    : c.write(master, buffer, new NativeLong(count)).longValue();
            if (moved < 0) {
                int errno = Native.getLastError();
                if (errno == LibC.EAGAIN || errno == LibC.EINTR) {
                    return 0;
                }
                throw new IOException((reading ? "read" : "write") + " failed: errno " + errno);
            }
            return (int) moved;
        } finally {
            lock.readLock().unlock();
        }
    }

    private final class MasterInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            if (length == 0) {
                return 0;
            }
            Memory buffer = new Memory(Math.min(length, CHUNK));
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while reading " + slavePath);
                }
                int n = transfer(true, buffer, (int) buffer.size());
                if (n != 0) {
                    if (n > 0) {
                        buffer.read(0, bytes, offset, n);
                    }
                    return n;
                }
            }
        }
    }

    private final class MasterOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            int done = 0;
            Memory buffer = new Memory(CHUNK);
            while (done < length) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while writing " + slavePath);
                }
                int count = Math.min(CHUNK, length - done);
                buffer.write(0, bytes, offset + done, count);
                int n = transfer(false, buffer, count);
                if (n < 0) {
                    throw new IOException(slavePath + " is closed");
                }
                done += n;
            }
        }
    }
}
