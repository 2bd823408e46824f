package io.wardgate.manage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The trusted-keys file, read again whenever it changes, so that adding or removing a management key
 * needs only an edit of the file. A file that becomes unreadable or holds no valid key trusts nothing
 * until it is fixed.
 */
final class TrustedKeyFile implements Supplier<TrustedKeys> {
    private static final TrustedKeys NONE = new TrustedKeys(Map.of(), List.of());

    private final WatchedFile<TrustedKeys> file;

    /** Reads the file now; an unusable file at start is an error (the component does not start). */
    TrustedKeyFile(Path file) throws IOException {
        this.file = new WatchedFile<>(file, "Trusted management keys", TrustedKeys::load, NONE);
    }

    @Override
    public TrustedKeys get() {
        return file.get();
    }
}
