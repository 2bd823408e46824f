package io.wardgate.receiver;

import io.wardgate.seal.envelope.SealTags;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * A {@link WindowDeduplicator} that survives a restart: every written envelope is appended to a
 * journal file and forced to disk before its message is acknowledged; at start the journal is
 * replayed, then rewritten compactly (only what the windows still hold), and again once
 * {@code compactAfter} records (or as many as the last rewrite held, if more) were appended. Lines: {@code A gateway epoch sequence device} and
 * {@code F gateway epochFloor 0 device} and {@code M gateway epoch from-to device} (sequences skipped and
 * not arrived yet, so that backfill below the window is still accepted after a restart; the device id
 * last: it may contain spaces). A torn last
 * line (a crash while appending) is dropped; any other bad line stops the start with its number,
 * since guessing could let a replay through.
 */
public final class JournalDeduplicator extends WindowBacked implements AutoCloseable {
    private static final int MAX_LINE = 512;

    private final Path journal;
    private final long compactAfter;
    private FileChannel channel;
    private long appended;
    private long threshold;

    public JournalDeduplicator(WindowDeduplicator memory, Path journal, long compactAfter) throws IOException {
        super(memory);
        this.journal = journal.toAbsolutePath();
        if (compactAfter < 1_000) {
            throw new IllegalArgumentException("compactAfter must be at least 1000");
        }
        this.compactAfter = compactAfter;
        if (Files.exists(this.journal)) {
            replay();
        }
        compact();
    }

    @Override
    public synchronized void written(SealTags tags) throws IOException {
        append("A " + tags.gatewayId() + ' ' + tags.epoch() + ' ' + tags.sequence() + ' ' + tags.deviceId() + '\n');
        channel.force(false);
        if (++appended >= threshold) {
            compact();
        }
    }

    private void append(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private void replay() throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(journal, StandardCharsets.US_ASCII)) {
            long size = Files.size(journal);
            boolean complete = size == 0 || endsWithNewline();
            String line;
            long number = 0;
            String pending = null;
            while ((line = reader.readLine()) != null) {
                if (pending != null) {
                    apply(pending, number);
                }
                number++;
                if (line.length() > MAX_LINE) {
                    throw new IOException(journal + " line " + number + ": longer than " + MAX_LINE + " characters");
                }
                pending = line;
            }
            if (pending != null && complete) {
                apply(pending, number);
            }
        }
    }

    private boolean endsWithNewline() throws IOException {
        try (FileChannel in = FileChannel.open(journal, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            in.read(last, in.size() - 1);
            return last.get(0) == '\n';
        }
    }

    private void apply(String line, long number) throws IOException {
        String[] parts = line.split(" ", 5);
        try {
            if (parts.length == 5 && parts[0].equals("A")) {
                memory.admit(new SealTags(parts[1], parts[4], Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                        Instant.EPOCH));
                return;
            }
            if (parts.length == 5 && parts[0].equals("M")) {
                String[] range = parts[3].split("-", 2);
                if (range.length != 2) {
                    throw new IllegalArgumentException("a missing range is from-to");
                }
                memory.restoreMissing(new SealTags(parts[1], parts[4], Long.parseLong(parts[2]), 0, Instant.EPOCH),
                        Long.parseLong(range[0]), Long.parseLong(range[1]));
                return;
            }
            if (parts.length == 5 && parts[0].equals("F")) {
                new SealTags(parts[1], parts[4], Long.parseLong(parts[2]), 0, Instant.EPOCH);
                memory.restoreEvicted(parts[1], parts[4], Long.parseLong(parts[2]));
                return;
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(journal + " line " + number + ": " + e.getMessage(), e);
        }
        throw new IOException(journal + " line " + number + ": not a de-duplication record");
    }

    /** Rewrites the journal from memory: a temporary file, forced, then renamed over the old one. */
    private void compact() throws IOException {
        Path next = journal.resolveSibling(journal.getFileName() + ".next");
        long[] count = {0};
        try (Writer out = Files.newBufferedWriter(next, StandardCharsets.US_ASCII)) {
            memory.remembered(new WindowDeduplicator.Visitor() {
                @Override
                public void accepted(String gatewayId, String deviceId, long epoch, long sequence) throws IOException {
                    out.write("A " + gatewayId + ' ' + epoch + ' ' + sequence + ' ' + deviceId + '\n');
                    count[0]++;
                }

                @Override
                public void missing(String gatewayId, String deviceId, long epoch, long from, long to)
                        throws IOException {
                    out.write("M " + gatewayId + ' ' + epoch + ' ' + from + '-' + to + ' ' + deviceId + '\n');
                    count[0]++;
                }

                @Override
                public void evicted(String gatewayId, String deviceId, long epochFloor) throws IOException {
                    out.write("F " + gatewayId + ' ' + epochFloor + " 0 " + deviceId + '\n');
                    count[0]++;
                }
            });
        }
        try (FileChannel written = FileChannel.open(next, StandardOpenOption.WRITE)) {
            written.force(true);
        }
        if (channel != null) {
            channel.close();
        }
        Files.move(next, journal, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel directory = FileChannel.open(journal.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        }
        channel = FileChannel.open(journal, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        appended = 0;
        threshold = Math.max(compactAfter, count[0]);
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.force(true);
            channel.close();
        }
    }
}
