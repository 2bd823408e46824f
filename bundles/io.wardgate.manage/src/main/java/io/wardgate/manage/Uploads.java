package io.wardgate.manage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staging of large payloads sent in chunks to .../manage/upload/&lt;uploadId&gt;/&lt;n&gt; ahead of a signed
 * request. Chunks are unsigned: an upload is believed only when its assembly matches the size and
 * SHA-256 of a signed request ({@link #verified}). Bounded: chunk size, total size, chunk count,
 * concurrent uploads and age; anything past a bound is dropped (and logged), never grown into.
 */
final class Uploads {
    static final int CHUNK_BYTES = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(Uploads.class);
    private static final String ASSEMBLED = "assembled";

    record Limits(long maxBytes, int maxConcurrent, Duration maxAge) {
        Limits {
            if (maxBytes < 1 || maxConcurrent < 1 || maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("upload limits must be positive");
            }
        }

        int maxChunks() {
            return (int) Math.min(Integer.MAX_VALUE, (maxBytes + CHUNK_BYTES - 1) / CHUNK_BYTES);
        }
    }

    private static final class Staging {
        final Path directory;
        final Instant started;
        final Map<Integer, Integer> chunks = new TreeMap<>();
        long bytes;

        Staging(Path directory, Instant started) {
            this.directory = directory;
            this.started = started;
        }
    }

    private final Path directory;
    private final Limits limits;
    private final Clock clock;
    private final Map<String, Staging> staging = new HashMap<>();

    /** Empties {@code directory}: uploads do not survive a restart. */
    Uploads(Path directory, Limits limits, Clock clock) throws IOException {
        this.directory = directory;
        this.limits = limits;
        this.clock = clock;
        deleteTree(directory);
        Files.createDirectories(directory);
    }

    /** Stores one chunk; returns the reason when it is dropped (bad input is data, never an exception). */
    synchronized Optional<String> chunk(String uploadId, String index, byte[] data) {
        if (!ManageRequest.ID.matcher(uploadId).matches() || !index.matches("[0-9]{1,9}")) {
            return drop(uploadId, "malformed upload id or chunk number");
        }
        int n = Integer.parseInt(index);
        if (n >= limits.maxChunks()) {
            return drop(uploadId, "chunk number beyond the upload limit");
        }
        if (data.length == 0 || data.length > CHUNK_BYTES) {
            return drop(uploadId, "chunk empty or larger than " + CHUNK_BYTES + " bytes");
        }
        expire();
        Staging upload = staging.get(uploadId);
        if (upload == null) {
            if (staging.size() >= limits.maxConcurrent()) {
                return drop(uploadId, "too many uploads at once");
            }
            upload = new Staging(directory.resolve(uploadId), clock.instant());
            staging.put(uploadId, upload);
        }
        long total = upload.bytes - upload.chunks.getOrDefault(n, 0) + data.length;
        if (total > limits.maxBytes()) {
            discard(uploadId);
            return drop(uploadId, "upload larger than " + limits.maxBytes() + " bytes");
        }
        try {
            Files.createDirectories(upload.directory);
            Path temporary = upload.directory.resolve(n + ".tmp");
            Files.write(temporary, data);
            Files.move(temporary, upload.directory.resolve(Integer.toString(n)), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            discard(uploadId);
            return drop(uploadId, "staging not writable: " + e.getMessage());
        }
        upload.chunks.put(n, data.length);
        upload.bytes = total;
        return Optional.empty();
    }

    /**
     * The upload assembled from chunks 0, 1, ... as one file, if it has exactly {@code size} bytes
     * and the SHA-256 {@code sha256} (both from a signed request). Otherwise the upload is discarded
     * and IllegalArgumentException says why.
     */
    synchronized Path verified(String uploadId, long size, byte[] sha256) throws IOException {
        expire();
        Staging upload = staging.get(uploadId);
        if (upload == null) {
            throw new IllegalArgumentException("no upload " + uploadId + " is staged (never sent, too old, or dropped)");
        }
        if (upload.bytes != size) {
            discard(uploadId);
            throw new IllegalArgumentException("upload " + uploadId + " has " + upload.bytes + " bytes, the request says "
                    + size);
        }
        int expected = 0;
        for (int n : upload.chunks.keySet()) {
            if (n != expected++) {
                discard(uploadId);
                throw new IllegalArgumentException("upload " + uploadId + " misses chunk " + (expected - 1));
            }
        }
        MessageDigest digest = sha256();
        Path assembled = upload.directory.resolve(ASSEMBLED);
        try (OutputStream out = Files.newOutputStream(assembled)) {
            for (int n : upload.chunks.keySet()) {
                byte[] chunk = Files.readAllBytes(upload.directory.resolve(Integer.toString(n)));
                digest.update(chunk);
                out.write(chunk);
            }
        }
        if (!MessageDigest.isEqual(digest.digest(), sha256)) {
            discard(uploadId);
            throw new IllegalArgumentException("upload " + uploadId + " does not match the signed SHA-256");
        }
        return assembled;
    }

    synchronized void discard(String uploadId) {
        Staging upload = staging.remove(uploadId);
        if (upload != null) {
            try {
                deleteTree(upload.directory);
            } catch (IOException e) {
                LOG.warn("Upload {} not deleted: {}", uploadId, e.getMessage());
            }
        }
    }

    synchronized int staged() {
        return staging.size();
    }

    private void expire() {
        Instant oldest = clock.instant().minus(limits.maxAge());
        for (String id : staging.keySet().toArray(new String[0])) {
            if (staging.get(id).started.isBefore(oldest)) {
                LOG.warn("Upload {} discarded: older than {}", id, limits.maxAge());
                discard(id);
            }
        }
    }

    private static Optional<String> drop(String uploadId, String reason) {
        LOG.warn("Upload chunk for {} dropped: {}", uploadId.replaceAll("[^A-Za-z0-9._-]", "?"), reason);
        return Optional.of(reason);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
