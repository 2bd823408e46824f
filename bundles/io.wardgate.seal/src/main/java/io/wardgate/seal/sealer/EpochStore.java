package io.wardgate.seal.sealer;

import io.wardgate.shared.files.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The boot epoch: a counter incremented and made durable (fsync, atomic rename, directory fsync)
 * at every start, before anything is sealed. Sequence numbers restart at 0 in each epoch, so
 * (epoch, sequence) never repeats, whatever the wall clock says and however the last run ended.
 */
public final class EpochStore {
    private static final String FILE = "epoch";

    private EpochStore() {
    }

    /** Reads the last epoch (or -1), stores and returns the next one. */
    public static long next(Path dataDirectory) throws IOException {
        DurableFiles.privateDirectory(dataDirectory);
        Path file = dataDirectory.resolve(FILE);
        long previous = -1;
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            try {
                previous = Long.parseLong(text);
            } catch (NumberFormatException e) {
                // A torn write cannot happen (atomic rename); a mangled file is a fault to stop on, since
                // guessing could reuse an epoch.
                throw new IOException("the epoch file " + file + " is corrupt; refusing to guess an epoch");
            }
            if (previous < 0 || previous == Long.MAX_VALUE) {
                throw new IOException("the epoch file " + file + " holds an impossible epoch");
            }
        }
        long next = previous + 1;
        DurableFiles.writePrivate(file, Long.toString(next).getBytes(StandardCharsets.US_ASCII));
        return next;
    }
}
