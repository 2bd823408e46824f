package io.wardgate.manage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file of security settings read again whenever its modification time or size changes, so that an
 * edit takes effect at the next request without a restart. A file that becomes unusable gives
 * {@code unusable} until it is fixed (a broken edit must not keep a revoked key in force).
 */
final class WatchedFile<T> implements Supplier<T> {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedFile.class);

    /** Reads one file; an IOException says why it cannot be used. */
    @FunctionalInterface
    interface Reader<T> {
        T read(Path file) throws IOException;
    }

    private final Path file;
    private final String what;
    private final Reader<T> reader;
    private final T unusable;
    private FileTime modified;
    private long size = -1;
    private T current;

    /** Reads the file now; an unusable file at start is an error (the component does not start). */
    WatchedFile(Path file, String what, Reader<T> reader, T unusable) throws IOException {
        this.file = Objects.requireNonNull(file, "file");
        this.what = what;
        this.reader = reader;
        this.unusable = unusable;
        this.modified = Files.getLastModifiedTime(file);
        this.size = Files.size(file);
        this.current = reader.read(file);
    }

    /** The file as US-ASCII text, refused before it is read when larger than {@code maxBytes}. */
    static String readBounded(Path file, int maxBytes, String what) throws IOException {
        if (Files.size(file) > maxBytes) {
            throw new IOException(what + " file larger than " + maxBytes + " bytes");
        }
        return Files.readString(file, java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Override
    public synchronized T get() {
        try {
            FileTime nowModified = Files.getLastModifiedTime(file);
            long nowSize = Files.size(file);
            if (nowModified.equals(modified) && nowSize == size) {
                return current;
            }
            modified = nowModified;
            size = nowSize;
            current = reader.read(file);
            LOG.info("{} reread from {}", what, file);
        } catch (IOException e) {
            LOG.error("{} unusable, trusting no management key until fixed: {}", what, e.getMessage());
            current = unusable;
        }
        return current;
    }
}
