package io.wardgate.receiver;

import io.wardgate.receiver.GatewayClocks.EpochClock;
import io.wardgate.receiver.GatewayClocks.Key;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateways' clock notes on disk, so that a receiver restarted between a note and the envelopes it
 * speaks for (held in a gateway's outbox, or in the broker's session) still re-stamps or flags them.
 * One line per (gateway, epoch), least recently used first, so the bound evicts the same epochs after a
 * restart as before it:
 * <pre>
 * wardgate-clock-notes 1
 * GATEWAY EPOCH U                                     unverified
 * GATEWAY EPOCH S OLD-UP-TO OFFSET WINDOW-MILLIS      synchronised (ISO-8601 instant and duration)
 * </pre>
 * The gateway id is URL-encoded. The whole file is written anew to a temporary file, forced to disk and
 * moved over the old one atomically: a crash leaves the old notes or the new ones, never half. Notes are
 * rare (two per gateway boot), so rewriting is cheap. A file that does not read (edited by hand, a disk
 * fault) is data, not a reason to stop: unreadable lines are skipped, said in the log, and the file as it
 * was is kept beside it ({@code .bad}) before it is next written.
 */
final class ClockNoteFile {
    private static final Logger LOG = LoggerFactory.getLogger(ClockNoteFile.class);
    static final String HEADER = "wardgate-clock-notes 1";
    static final int MAX_LINE = 512;

    private final Path file;
    private final int maxEntries;
    private boolean keepBadCopy;

    ClockNoteFile(Path file, int maxEntries) {
        this.file = file.toAbsolutePath();
        this.maxEntries = maxEntries;
    }

    Path path() {
        return file;
    }

    /** The notes in the file, least recently used first; empty when there is no file yet. */
    Map<Key, EpochClock> load() throws IOException {
        Map<Key, EpochClock> notes = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return notes;
        }
        long size = Files.size(file);
        if (size > (long) (maxEntries + 1) * MAX_LINE) {
            keepBadCopy = true;
            LOG.warn("Clock notes {}: {} bytes, more than {} notes can fill; not read (kept as {}.bad)", file, size,
                    maxEntries, file.getFileName());
            return notes;
        }
        int bad = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (!HEADER.equals(first)) {
                keepBadCopy = true;
                LOG.warn("Clock notes {}: not a clock note file (first line '{}'); not read (kept as {}.bad)", file,
                        first == null ? "" : first.substring(0, Math.min(first.length(), 40)), file.getFileName());
                return notes;
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!parse(line, notes)) {
                    bad++;
                }
            }
        }
        if (bad > 0) {
            keepBadCopy = true;
            LOG.warn("Clock notes {}: {} unreadable line(s) skipped (the file is kept as {}.bad)", file, bad,
                    file.getFileName());
        }
        while (notes.size() > maxEntries) {
            notes.remove(notes.keySet().iterator().next());
        }
        return notes;
    }

    private static boolean parse(String line, Map<Key, EpochClock> notes) {
        if (line.length() > MAX_LINE) {
            return false;
        }
        String[] f = line.split(" ", -1);
        try {
            if (f.length < 3 || !f[1].matches("[0-9]{1,19}")) {
                return false;
            }
            Key key = new Key(URLDecoder.decode(f[0], StandardCharsets.UTF_8), Long.parseLong(f[1]));
            if (f.length == 3 && f[2].equals("U")) {
                notes.put(key, EpochClock.UNVERIFIED);
                return true;
            }
            if (f.length == 6 && f[2].equals("S") && f[5].matches("[0-9]{1,9}")
                    && Long.parseLong(f[5]) <= GatewayClocks.MAX_WINDOW_MILLIS) {
                notes.put(key, new EpochClock(true, Instant.parse(f[3]), Duration.parse(f[4]),
                        Duration.ofMillis(Long.parseLong(f[5]))));
                return true;
            }
            return false;
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            return false;
        }
    }

    /** Writes these notes (least recently used first) in place of the file's, atomically. */
    void save(Map<Key, EpochClock> notes) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Map.Entry<Key, EpochClock> e : notes.entrySet()) {
            text.append(URLEncoder.encode(e.getKey().gatewayId(), StandardCharsets.UTF_8)).append(' ')
                    .append(e.getKey().epoch()).append(' ');
            EpochClock c = e.getValue();
            if (c.synchronised()) {
                text.append("S ").append(c.oldUpTo()).append(' ').append(c.offset()).append(' ')
                        .append(c.window().toMillis());
            } else {
                text.append('U');
            }
            text.append('\n');
        }
        Path directory = file.getParent();
        Files.createDirectories(directory);
        if (keepBadCopy && Files.exists(file)) {
            Files.copy(file, file.resolveSibling(file.getFileName() + ".bad"), StandardCopyOption.REPLACE_EXISTING);
            keepBadCopy = false;
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true); // the rename itself survives a power cut
        } catch (IOException e) {
            LOG.debug("Directory {} cannot be forced on this file system", directory, e);
        }
    }
}
