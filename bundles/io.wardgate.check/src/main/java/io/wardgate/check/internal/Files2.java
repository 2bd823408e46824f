package io.wardgate.check.internal;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Bounded directory walks: a check must finish on any installation, however large or hostile. */
final class Files2 {
    static final int MAX_ENTRIES = 20_000;
    static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    static final Set<PosixFilePermission> GROUP_OR_OTHER_WRITE = EnumSet.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private Files2() {
    }

    /** Regular files and directories below {@code root} (symbolic links are not followed), at most MAX_ENTRIES. */
    static List<Path> walk(Path root, int depth) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root, depth, new FileVisitOption[0])) {
            return paths.limit(MAX_ENTRIES).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    static Set<PosixFilePermission> permissions(Path path) {
        try {
            return Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return EnumSet.noneOf(PosixFilePermission.class);
        }
    }

    static String mode(Path path) {
        int mode = 0;
        for (PosixFilePermission p : permissions(path)) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", mode);
    }

    static boolean isSecretFile(Path path) {
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        // *.pass: a keystore's password file (identity.pass, ui-keystore.pass) opens the key.
        return name.endsWith(".key") || name.endsWith(".pass") || name.endsWith(".p12") || name.endsWith(".pfx") || name.endsWith(".jks")
                || name.endsWith(".pem") && !name.endsWith("-cert.pem") && !name.endsWith("chain.pem");
    }

    static List<String> firstFew(List<String> items) {
        List<String> few = new ArrayList<>(items.subList(0, Math.min(5, items.size())));
        if (items.size() > 5) {
            few.add("and " + (items.size() - 5) + " more");
        }
        return few;
    }
}
