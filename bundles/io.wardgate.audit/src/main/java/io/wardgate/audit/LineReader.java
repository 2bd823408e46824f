package io.wardgate.audit;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a segment file line by line with a bound on line length, so a damaged or hostile file can
 * never make it allocate more than {@link RecordCodec#MAX_LINE} bytes per line.
 */
final class LineReader implements Closeable {
    /**
     * One line.
     *
     * @param offset byte offset of its first byte in the file
     * @param text its bytes as ISO-8859-1 text (at most MAX_LINE), without the newline
     * @param length its length in bytes, newline excluded
     * @param terminated false for a last line with no newline: an incomplete (torn) write
     * @param tooLong the line was longer than MAX_LINE; text holds its start only
     */
    record Line(long offset, String text, long length, boolean terminated, boolean tooLong) {
    }

    private final InputStream in;
    private final byte[] buffer = new byte[RecordCodec.MAX_LINE];
    private long position;

    LineReader(Path file) throws IOException {
        this.in = new BufferedInputStream(Files.newInputStream(file), 65536);
    }

    /** The next line, or null at the end of the file. */
    Line next() throws IOException {
        long start = position;
        int kept = 0;
        long length = 0;
        int b;
        while ((b = in.read()) != -1) {
            position++;
            if (b == '\n') {
                return line(start, kept, length, true);
            }
            if (kept < buffer.length) {
                buffer[kept++] = (byte) b;
            }
            length++;
        }
        return length == 0 ? null : line(start, kept, length, false);
    }

    private Line line(long start, int kept, long length, boolean terminated) {
        String text = new String(buffer, 0, kept, StandardCharsets.ISO_8859_1);
        return new Line(start, text, length, terminated, length > buffer.length);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
