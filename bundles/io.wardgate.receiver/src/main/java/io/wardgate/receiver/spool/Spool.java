package io.wardgate.receiver.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A durable first-in first-out queue of messages in a directory, one file per message: written to a
 * temporary file, forced to disk and renamed into place, so a message is either whole in the queue
 * or not there at all after a crash. Bounded in count and message size, checked before writing.
 * Messages the destination refused for good move to {@code rejected/} with the reason beside them,
 * for an operator; nothing is deleted before its destination confirmed it.
 */
public final class Spool {
    private static final Pattern NAME = Pattern.compile("[0-9]{19}\\.msg");
    private static final String REJECTED = "rejected";

    private final Path directory;
    private final Limits limits;
    /** Sequences on disk, oldest first: read once at open, then kept in step with every change. */
    private final java.util.TreeSet<Long> queued = new java.util.TreeSet<>();
    private long nextSequence;

    /**
     * @param maxMessages the most messages the queue holds; an append beyond it fails
     * @param maxMessageBytes the largest message accepted
     */
    public record Limits(int maxMessages, int maxMessageBytes) {
        public Limits {
            if (maxMessages < 1 || maxMessageBytes < 1) {
                throw new IllegalArgumentException("spool limits must be positive");
            }
        }
    }

    /** One queued message: its sequence and its bytes. */
    public record Entry(long sequence, byte[] message) {
        public Entry {
            message = message.clone();
        }

        @Override
        public byte[] message() {
            return message.clone();
        }
    }

    private Spool(Path directory, Limits limits) {
        this.directory = directory;
        this.limits = limits;
    }

    /** Opens (or creates, owner-only) the queue in the directory; removes temporary files a crash left. */
    public static Spool open(Path directory, Limits limits) throws IOException {
        Files.createDirectories(directory);
        Files.createDirectories(directory.resolve(REJECTED));
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the operator sets permissions
        }
        Spool spool = new Spool(directory, limits);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.tmp")) {
            for (Path file : files) {
                Files.delete(file);
            }
        }
        spool.queued.addAll(spool.sequences());
        spool.nextSequence = spool.queued.isEmpty() ? 1 : spool.queued.last() + 1;
        return spool;
    }

    /** Adds a message at the end, durably. Fails (adding nothing) when full or the message is too large. */
    public synchronized long append(byte[] message) throws IOException {
        if (message.length > limits.maxMessageBytes()) {
            throw new IOException("message of " + message.length + " bytes exceeds the spool's limit of "
                    + limits.maxMessageBytes());
        }
        if (queued.size() >= limits.maxMessages()) {
            throw new IOException("spool " + directory + " is full (" + queued.size() + " messages)");
        }
        long sequence = nextSequence;
        Path temporary = directory.resolve(sequence + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(message);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file(sequence), StandardCopyOption.ATOMIC_MOVE);
        forceDirectory();
        nextSequence++;
        queued.add(sequence);
        return sequence;
    }

    /** The oldest message, if any. */
    public synchronized Optional<Entry> oldest() throws IOException {
        if (queued.isEmpty()) {
            return Optional.empty();
        }
        long sequence = queued.first();
        return Optional.of(new Entry(sequence, Files.readAllBytes(file(sequence))));
    }

    /** Removes a message its destination confirmed. */
    public synchronized void remove(long sequence) throws IOException {
        Files.deleteIfExists(file(sequence));
        queued.remove(sequence);
        forceDirectory();
    }

    /** Moves a message its destination refused for good to rejected/, with the reason in a .reason file. */
    public synchronized void reject(long sequence, String reason) throws IOException {
        Path rejected = directory.resolve(REJECTED);
        Files.writeString(rejected.resolve(sequence + ".reason"), reason + "\n", StandardCharsets.UTF_8);
        Files.move(file(sequence), rejected.resolve(file(sequence).getFileName()), StandardCopyOption.ATOMIC_MOVE);
        queued.remove(sequence);
        forceDirectory();
    }

    public synchronized int size() {
        return queued.size();
    }

    /** Messages moved to rejected/ so far (their files stay until an operator removes them). */
    public int rejectedCount() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory.resolve(REJECTED), "*.msg")) {
            int n = 0;
            for (Path ignored : files) {
                n++;
            }
            return n;
        }
    }

    public Path directory() {
        return directory;
    }

    private Path file(long sequence) {
        return directory.resolve(String.format("%019d.msg", sequence));
    }

    private List<Long> sequences() throws IOException {
        List<Long> sequences = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.msg")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (NAME.matcher(name).matches()) {
                    sequences.add(Long.parseLong(name.substring(0, 19)));
                }
            }
        }
        sequences.sort(Long::compare);
        return sequences;
    }

    /** Makes a rename or delete durable: the directory entry itself is forced to disk. */
    private void forceDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory for reading; the rename is still atomic
        }
    }
}
