package io.wardgate.manage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trusted-keys file, read again whenever its modification time or size changes, so that adding
 * or removing a management key needs only an edit of the file. A file that becomes unreadable or
 * holds no valid key trusts nothing until it is fixed (a broken edit must not keep a revoked key).
 */
final class TrustedKeyFile implements Supplier<TrustedKeys> {
    private static final Logger LOG = LoggerFactory.getLogger(TrustedKeyFile.class);
    private static final TrustedKeys NONE = new TrustedKeys(Map.of());

    private final Path file;
    private FileTime modified;
    private long size = -1;
    private TrustedKeys current;

    /** Reads the file now; an unusable file at start is an error (the component does not start). */
    TrustedKeyFile(Path file) throws IOException {
        this.file = Objects.requireNonNull(file, "file");
        this.modified = Files.getLastModifiedTime(file);
        this.size = Files.size(file);
        this.current = TrustedKeys.load(file);
    }

    @Override
    public synchronized TrustedKeys get() {
        try {
            FileTime nowModified = Files.getLastModifiedTime(file);
            long nowSize = Files.size(file);
            if (nowModified.equals(modified) && nowSize == size) {
                return current;
            }
            modified = nowModified;
            size = nowSize;
            current = TrustedKeys.load(file);
            LOG.info("Trusted management keys reread: {} key(s)", current.byKid().size());
        } catch (IOException e) {
            LOG.error("Trusted management keys unusable, trusting none until fixed: {}", e.getMessage());
            current = NONE;
        }
        return current;
    }
}
