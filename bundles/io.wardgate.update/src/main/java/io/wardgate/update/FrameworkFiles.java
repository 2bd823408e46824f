package io.wardgate.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where Apache Felix and the bnd launcher keep a bundle's files in the framework storage directory.
 * Felix: {@code bundle<id>/version<refresh>.<revision>/bundle.jar} holds the installed content (the
 * highest revision is the current one). bnd launcher: {@code bundle0/.bnd.launcher/<id>} holds the
 * digest of the jar it last installed from wardgate.jar (written only when it installs or updates
 * from the exported jar). Checked against Felix 7.0.5 and bnd launcher 7.1.0; on another framework
 * both are empty and the installer refuses to run (it cannot back up what it cannot read).
 */
final class FrameworkFiles {
    private static final Pattern REVISION = Pattern.compile("version(\\d{1,9})\\.(\\d{1,9})");
    private final Path storage;

    FrameworkFiles(Path storage) {
        this.storage = storage;
    }

    /** The file holding the bundle's current content, if this is Felix storage. */
    Optional<Path> content(long bundleId) throws IOException {
        Path dir = storage.resolve("bundle" + bundleId);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Path best = null;
        long bestRank = -1;
        try (Stream<Path> revisions = Files.list(dir)) {
            for (Path revision : (Iterable<Path>) revisions::iterator) {
                Matcher m = REVISION.matcher(revision.getFileName().toString());
                Path jar = revision.resolve("bundle.jar");
                if (m.matches() && Files.isRegularFile(jar)) {
                    long rank = Long.parseLong(m.group(1)) * 1_000_000_000L + Long.parseLong(m.group(2));
                    if (rank > bestRank) {
                        bestRank = rank;
                        best = jar;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The digest the bnd launcher recorded when it last installed this bundle from wardgate.jar. */
    Optional<String> launcherDigest(long bundleId) {
        Path file = storage.resolve("bundle0").resolve(".bnd.launcher").resolve(Long.toString(bundleId));
        try {
            if (Files.isRegularFile(file) && Files.size(file) < 1024) {
                return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).trim());
            }
        } catch (IOException unreadable) {
            // treated as absent
        }
        return Optional.empty();
    }
}
