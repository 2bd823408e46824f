package io.wardgate.audit;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.audit.api.AuditLog;
import io.wardgate.audit.api.AuditQuery;
import io.wardgate.audit.api.AuditRecord;
import io.wardgate.audit.api.AuditStatus;
import io.wardgate.audit.api.Verification;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail on disk: append-only segment files in one directory, each record hash-chained to
 * the one before and fsync'd before {@link #record} returns. One writer per directory (a file lock
 * keeps a second process out). See {@link RecordCodec} for the encoding and docs/security.md for
 * how rotation, the size bound and torn writes keep the chain verifiable.
 */
public final class FileAuditTrail implements AuditTrail, AuditLog, Closeable {
    static final String SYSTEM = "system";
    private static final Logger LOG = LoggerFactory.getLogger(FileAuditTrail.class);

    private final AuditSettings settings;
    private final Path directory;
    private final Clock clock;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** Retained segment numbers to their sizes in bytes, oldest first. */
    private final TreeMap<Long, Long> sizes;
    private FileChannel current;
    private long currentNumber;
    private long currentRecords;
    private long lastSequence;
    private String lastHash;
    private boolean nearFull;
    private long segmentsDropped;
    private int tornRecovered;
    private String lastError = "";
    private boolean closed;
    /** Crash-test seam: write each line in two halves, so a kill can land between them. */
    private boolean splitWrites;
    /** The gateway id written into records: the configured one, or the identity's once known. */
    private String gatewayId;

    private FileAuditTrail(AuditSettings settings, Clock clock, SecureRandom random, FileChannel lockChannel,
            FileLock lock) throws IOException {
        this.settings = settings;
        this.gatewayId = settings.gatewayId();
        this.directory = settings.directory();
        this.clock = clock;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.sizes = Segments.list(directory);
        List<AuditEvent> recovered = new ArrayList<>();
        while (!sizes.isEmpty() && !resumeLast(recovered)) {
            // the last segment had no usable header and was quarantined: resume from the one before
        }
        if (sizes.isEmpty()) {
            lastHash = Hashes.randomAnchor(random);
            createSegment(1, lastHash);
        }
        for (AuditEvent event : recovered) {
            append(event);
        }
        enforceBounds();
    }

    /** Opens (or creates) the trail in {@code settings.directory()}, recovering an interrupted last write. */
    public static FileAuditTrail open(AuditSettings settings, Clock clock, SecureRandom random) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Path directory = settings.directory();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, directoryAttributes(directory));
        }
        FileChannel lockChannel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("audit directory " + directory + " is in use by another audit trail");
        }
        try {
            return new FileAuditTrail(settings, clock, random, lockChannel, lock);
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    @Override
    public void record(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        synchronized (this) {
            requireOpen();
            try {
                append(event);
                enforceBounds();
            } catch (IOException e) {
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.error("audit record could not be stored in {}", directory, e);
                throw new UncheckedIOException("audit record not stored", e);
            }
        }
    }

    /**
     * The gateway's id as its identity knows it. Used for the records written from now on when the
     * configuration left the gateway id at its default ({@value AuditSettings#UNCONFIGURED}); a
     * configured id wins. The switch is itself recorded, so the chain says where the id changed.
     */
    public void identityKnown(String identityGatewayId) {
        synchronized (this) {
            if (closed || !AuditSettings.UNCONFIGURED.equals(settings.gatewayId())
                    || !AuditSettings.validGatewayId(identityGatewayId) || identityGatewayId.equals(gatewayId)) {
                return;
            }
            gatewayId = identityGatewayId;
        }
        record(event("AUDIT_GATEWAY_ID", identityGatewayId, Outcome.SUCCESS,
                "records carry the gateway id of the gateway's identity from here on (the configuration names none)"));
    }

    @Override
    public synchronized List<AuditRecord> query(AuditQuery query) {
        requireOpen();
        try {
            return RecordScanner.query(directory, query);
        } catch (IOException e) {
            throw new UncheckedIOException("audit trail could not be read", e);
        }
    }

    @Override
    public synchronized List<AuditRecord> readAfter(long sequence, int limit) {
        requireOpen();
        if (sequence < 0 || limit < 1 || limit > AuditQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("sequence must be >= 0 and limit 1.." + AuditQuery.MAX_LIMIT);
        }
        if (sequence >= lastSequence) {
            return List.of(); // nothing newer: no need to touch the files
        }
        try {
            return RecordScanner.readAfter(directory, sequence, limit);
        } catch (IOException e) {
            throw new UncheckedIOException("audit trail could not be read", e);
        }
    }

    /** Verifies the retained chain; writers wait meanwhile so no half-written line is seen. */
    @Override
    public synchronized Verification verify() {
        requireOpen();
        try {
            return ChainVerifier.verify(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("audit trail could not be read", e);
        }
    }

    @Override
    public synchronized AuditStatus status() {
        return new AuditStatus(total(), settings.maxBytes(), sizes.size(), sizes.isEmpty() ? 0 : sizes.firstKey(),
                lastSequence, lastHash, nearFull, segmentsDropped, tornRecovered, lastError);
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            current.force(true);
            current.close();
        } finally {
            lock.release();
            lockChannel.close();
        }
    }

    synchronized void splitWritesForCrashTest() {
        splitWrites = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("audit trail is closed");
        }
    }

    /** Resumes appending to the newest segment; false when it had to be quarantined whole. */
    private boolean resumeLast(List<AuditEvent> recovered) throws IOException {
        long number = sizes.lastKey();
        Path path = Segments.path(directory, number);
        SegmentScan scan = SegmentScan.of(path, number);
        if (scan.header() == null) {
            recovered.add(tornEvent(number, 0, sizes.get(number), quarantine(path, 0), "segment header"));
            Files.delete(path);
            Segments.syncDirectory(directory);
            sizes.remove(number);
            return false;
        }
        if (scan.tornOffset() >= 0) {
            Path kept = quarantine(path, scan.tornOffset());
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.truncate(scan.tornOffset());
                channel.force(true);
            }
            sizes.put(number, scan.tornOffset());
            recovered.add(tornEvent(number, scan.tornOffset(), scan.tornLength(), kept, "last line"));
        }
        if (scan.unreadableTail()) {
            recovered.add(event("AUDIT_TAIL_UNREADABLE", Segments.name(number), Outcome.WARNING,
                    "the last complete line of the segment is not a well-formed record; new records chain to the "
                            + "last well-formed one, and verification reports the bad line"));
        }
        current = FileChannel.open(path, StandardOpenOption.WRITE);
        current.position(current.size());
        currentNumber = number;
        currentRecords = scan.records();
        lastHash = scan.lastHash();
        lastSequence = Math.max(0, scan.lastSequence());
        Long before = sizes.lowerKey(number);
        if (scan.records() == 0 && before != null) {
            lastSequence = Math.max(0, SegmentScan.of(Segments.path(directory, before), before).lastSequence());
        }
        return true;
    }

    /** Copies the bytes from {@code offset} to the end into a .torn file beside the segment. */
    private Path quarantine(Path segment, long offset) throws IOException {
        Path kept = segment.resolveSibling(segment.getFileName() + ".torn-" + offset);
        try (FileChannel in = FileChannel.open(segment, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(kept, EnumSet.of(StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), fileAttributes(kept))) {
            long size = in.size();
            for (long done = offset; done < size;) {
                done += in.transferTo(done, size - done, out);
            }
            out.force(true);
        }
        Segments.syncDirectory(directory);
        return kept;
    }

    private AuditEvent tornEvent(long number, long offset, long length, Path kept, String what) throws IOException {
        tornRecovered++;
        LOG.warn("audit segment {}: incomplete {} of {} bytes at offset {} moved to {}", number, what, length, offset,
                kept.getFileName());
        return event("AUDIT_TORN_WRITE", Segments.name(number), Outcome.WARNING, "incomplete " + what + " of "
                + length + " bytes at offset " + offset + " (an interrupted write: crash, kill or power loss); bytes "
                + "kept in " + kept.getFileName() + " sha256=" + Hashes.sha256(kept)
                + "; the chain goes on from the last complete record");
    }

    private void append(AuditEvent event) throws IOException {
        String line = RecordCodec.encode(lastSequence + 1, event, gatewayId, settings.location(), lastHash);
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.US_ASCII);
        if (currentRecords > 0 && sizes.get(currentNumber) + bytes.length > settings.segmentBytes()) {
            rotate();
        }
        long before = current.position();
        try {
            write(bytes);
        } catch (IOException e) {
            current.truncate(before); // best effort: never leave half a line before the next record
            throw e;
        }
        lastSequence++;
        lastHash = RecordCodec.storedHash(line);
        currentRecords++;
        sizes.put(currentNumber, sizes.get(currentNumber) + bytes.length);
    }

    private void write(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (splitWrites) {
            buffer.limit(bytes.length / 2);
            writeFully(current, buffer);
            current.force(false);
            buffer.limit(bytes.length);
        }
        writeFully(current, buffer);
        current.force(false);
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Closes the current segment and starts the next one, anchored to the last record's hash. */
    private void rotate() throws IOException {
        if (currentNumber >= Segments.MAX_NUMBER) {
            throw new IOException("segment numbers exhausted");
        }
        current.force(true);
        current.close();
        createSegment(currentNumber + 1, lastHash);
    }

    private void createSegment(long number, String anchor) throws IOException {
        Path path = Segments.path(directory, number);
        byte[] header = (RecordCodec.header(number, anchor, clock.instant()) + "\n").getBytes(StandardCharsets.US_ASCII);
        FileChannel channel = FileChannel.open(path, EnumSet.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), fileAttributes(path));
        writeFully(channel, ByteBuffer.wrap(header));
        channel.force(true);
        Segments.syncDirectory(directory);
        current = channel;
        currentNumber = number;
        currentRecords = 0;
        sizes.put(number, (long) header.length);
    }

    /** Near-full warning once per crossing; when full, the oldest segment goes, and that is recorded. */
    private void enforceBounds() throws IOException {
        dropWhileOverBound();
        boolean near = total() * 100 >= (long) settings.warnPercent() * settings.maxBytes();
        if (near && !nearFull) {
            nearFull = true;
            append(event("AUDIT_NEAR_FULL", directory.toString(), Outcome.WARNING, "audit trail at "
                    + total() * 100 / settings.maxBytes() + "% of " + settings.maxBytes() + " bytes (warning at "
                    + settings.warnPercent() + "%); when full, the oldest segment is dropped and that is recorded"));
            dropWhileOverBound();
        } else if (!near) {
            nearFull = false;
        }
    }

    private void dropWhileOverBound() throws IOException {
        while (total() > settings.maxBytes() && sizes.size() > 1) {
            dropOldest();
        }
    }

    /** Records the drop first (with the anchor the retained chain then starts from), then deletes. */
    private void dropOldest() throws IOException {
        long oldest = sizes.firstKey();
        long next = sizes.higherKey(oldest);
        Path oldestPath = Segments.path(directory, oldest);
        SegmentScan dropped = SegmentScan.of(oldestPath, oldest);
        SegmentScan following = SegmentScan.of(Segments.path(directory, next), next);
        String nextAnchor = following.header() == null ? "unknown" : following.header().anchor();
        append(event(ChainVerifier.DROPPED, Segments.name(oldest), Outcome.WARNING, "dropped segment=" + oldest
                + " records=" + dropped.records() + " lastSequence=" + dropped.lastSequence() + " nextAnchor="
                + nextAnchor + " reason=audit trail full (max bytes " + settings.maxBytes() + ")"));
        Files.delete(oldestPath);
        Segments.syncDirectory(directory);
        sizes.remove(oldest);
        segmentsDropped++;
        LOG.warn("audit trail full: dropped segment {} ({} records)", oldest, dropped.records());
    }

    private AuditEvent event(String action, String target, Outcome outcome, String detail) {
        return new AuditEvent(clock.instant(), SYSTEM, action, target, outcome, detail);
    }

    private long total() {
        long total = 0;
        for (long size : sizes.values()) {
            total += size;
        }
        return total;
    }

    private static FileAttribute<?>[] directoryAttributes(Path path) {
        return posix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------"))} : new FileAttribute<?>[0];
    }

    private static FileAttribute<?>[] fileAttributes(Path path) {
        return posix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
