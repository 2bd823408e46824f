package io.wardgate.audit.syslog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The export's durable cursor: the sequence number and hash of the last record the collector confirmed.
 * Written to a temporary file, fsync'd, renamed over the old one and the directory fsync'd, so a crash leaves
 * either the old or the new cursor, never a torn one. One line: "WGCURSOR1 sequence hash".
 */
final class CursorFile {
    private static final Pattern LINE = Pattern.compile("WGCURSOR1 (\\d{1,18}) ([0-9a-f]{64}|-)\n");

    /** Where the export stands; {@code ZERO} when nothing was confirmed yet. */
    record Cursor(long sequence, String hash) {
        static final Cursor ZERO = new Cursor(0, "-");
    }

    /** What reading found: the cursor, and whether the file was unreadable (then ZERO: send everything again). */
    record Read(Cursor cursor, boolean damaged) {
    }

    private final Path file;

    CursorFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    Path path() {
        return file;
    }

    Read read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Read(Cursor.ZERO, false);
        }
        Matcher m = bytes.length > 128 ? null : LINE.matcher(new String(bytes, StandardCharsets.US_ASCII));
        if (m == null || !m.matches()) {
            return new Read(Cursor.ZERO, true); // damaged: resend all retained records rather than lose any
        }
        return new Read(new Cursor(Long.parseLong(m.group(1)), m.group(2)), false);
    }

    void write(Cursor cursor) throws IOException {
        Path directory = file.getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        Path temporary = directory.resolve(file.getFileName() + ".tmp");
        byte[] line = ("WGCURSOR1 " + cursor.sequence() + " " + cursor.hash() + "\n").getBytes(StandardCharsets.US_ASCII);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
