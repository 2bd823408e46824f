package io.wardgate.shared.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;

/**
 * Replaces files so that a crash or power cut at any moment leaves either the old or the new content,
 * never a mix or an empty file: the bytes go to a hidden temporary file in the same directory (same file
 * system, so the rename is atomic), created 0600 (never chmod-ed afterwards, which would leave a window),
 * forced to disk, renamed over the target; then the directory is forced so the rename survives too.
 */
public final class DurableFiles {
    /** Temporary files are ".&lt;name&gt;.&lt;random&gt;.tmp"; leftovers of a crash may be removed at start. */
    public static final String TEMP_SUFFIX = ".tmp";
    public static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    private DurableFiles() {
    }

    /** Writes a file only the service user can read (0600), whatever the mode of the one it replaces. */
    public static void writePrivate(Path file, byte[] content) throws IOException {
        write(file, content, false);
    }

    /** Replaces a file keeping its mode (a file an operator made 0640 stays 0640); a new file is 0600. */
    public static void replace(Path file, byte[] content) throws IOException {
        write(file, content, true);
    }

    /** Creates the directory (0700) or tightens an existing one to 0700; its parents are created as usual. */
    public static Path privateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
        }
        Files.setPosixFilePermissions(dir, PRIVATE_DIRECTORY);
        return dir;
    }

    /** Deletes a file and makes the deletion durable. */
    public static boolean delete(Path file) throws IOException {
        boolean deleted = Files.deleteIfExists(file);
        if (deleted) {
            forceDirectory(file.toAbsolutePath().getParent());
        }
        return deleted;
    }

    /** Makes renames and deletions in a directory durable (Linux lets a directory be opened to force it). */
    public static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory (not Linux, where the gateway runs).
            if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
                throw e;
            }
        }
    }

    private static void write(Path file, byte[] content, boolean keepMode) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", TEMP_SUFFIX,
                PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
        try {
            if (keepMode && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.getFileAttributeView(temp, PosixFileAttributeView.class)
                        .setPermissions(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot rename atomically", e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory(dir);
    }
}
