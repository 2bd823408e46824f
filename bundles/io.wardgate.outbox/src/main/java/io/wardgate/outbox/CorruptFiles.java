package io.wardgate.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Moves a corrupt database (and its WAL and shared-memory files) aside, keeping it for analysis. */
final class CorruptFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private CorruptFiles() {
    }

    /** Renames file, file-wal and file-shm to "&lt;name&gt;.corrupt-&lt;UTC time&gt;..."; returns the new database path. */
    static Path moveAside(Path database, Instant now) throws IOException {
        String suffix = ".corrupt-" + STAMP.format(now);
        Path target = database.resolveSibling(database.getFileName() + suffix);
        for (int n = 1; Files.exists(target); n++) {
            target = database.resolveSibling(database.getFileName() + suffix + "-" + n);
        }
        for (String part : new String[] {"-wal", "-shm", "-journal"}) {
            Path companion = database.resolveSibling(database.getFileName() + part);
            if (Files.exists(companion)) {
                Files.move(companion, target.resolveSibling(target.getFileName() + part), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.move(database, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }
}
