package io.wardgate.config.files;

import io.wardgate.shared.files.DurableFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * FileInstall's configuration directory as WardGate writes it. Every write is durable and atomic
 * ({@link DurableFiles}) and leaves a last good copy beside the file (".&lt;name&gt;.last-good",
 * hidden, a name FileInstall's filter and the integrity record ignore). At start, before FileInstall
 * reads anything, {@link #repair()} puts back a file that a crash left empty, full of zero bytes or cut
 * short, from that copy.
 */
public final class ConfigDirectory {
    /** FileInstall's property naming the file a configuration came from (a file: URI). */
    public static final String FILENAME = "felix.fileinstall.filename";
    public static final String LAST_GOOD_SUFFIX = ".last-good";
    private static final long MAX_FILE = 1 << 20;
    private static final int MAX_FILES = 10_000;
    /** One writer at a time in this JVM (the write-back and management may write the same file). */
    private static final Object LOCK = new Object();

    private final Path directory;

    public ConfigDirectory(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    }

    /** The one directory FileInstall watches in this framework; empty without FileInstall (Kura) or with several. */
    public static Optional<ConfigDirectory> of(org.osgi.framework.BundleContext context) {
        String dir = context.getProperty("felix.fileinstall.dir");
        return dir == null || dir.isBlank() || dir.contains(",") ? Optional.empty()
                : Optional.of(new ConfigDirectory(Path.of(dir)));
    }

    public Path directory() {
        return directory;
    }

    /** The file a configuration's {@link #FILENAME} property names, if it is a .cfg/.config file in this directory. */
    public Optional<Path> fileOf(Object filenameProperty) {
        if (filenameProperty == null) {
            return Optional.empty();
        }
        try {
            Path file = Path.of(URI.create(String.valueOf(filenameProperty))).toAbsolutePath().normalize();
            return file.getParent() != null && file.getParent().equals(directory) && ConfigText.Format.of(file).isPresent()
                    ? Optional.of(file) : Optional.empty();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    public static Path lastGood(Path file) {
        return file.resolveSibling("." + file.getFileName() + LAST_GOOD_SUFFIX);
    }

    /**
     * Writes the properties into the file in its format (keeping its comments and order), unless the
     * file already holds them; either
     * way the last good copy then equals the file. A blank file with no properties to write is left
     * alone (and not copied), so that damage found at start stays visible to `wardgate check`.
     *
     * @return whether the file was written
     * @throws IllegalArgumentException for a file outside the directory or of another format, or for
     *         properties the format cannot hold
     */
    public boolean write(Path file, Map<String, ?> properties) throws IOException {
        Path target = inside(file);
        ConfigText.Format format = formatOf(target);
        synchronized (LOCK) {
            byte[] current = read(target);
            String existing = current == null || damage(current, null, target).isPresent() ? null
                    : new String(current, StandardCharsets.ISO_8859_1);
            if (current != null && blank(current)) {
                if (ConfigText.same(Map.of(), properties, format)) {
                    return false;
                }
            } else if (current != null && holds(current, properties, format)) {
                keepLastGood(target, current);
                return false;
            }
            if (current != null && !Files.isWritable(target)) {
                // As FileInstall: an operator's read-only file is not replaced (the rename could).
                throw new IOException(target.getFileName() + " is read-only; left as it is");
            }
            byte[] bytes = ConfigText.render(properties, format, existing).getBytes(StandardCharsets.ISO_8859_1);
            DurableFiles.replace(target, bytes);
            DurableFiles.replace(lastGood(target), bytes);
            return true;
        }
    }

    /**
     * FileInstall applied the file: if it still holds these properties, it becomes the last good copy
     * (an edit made while the gateway runs). Never writes the file: FileInstall's update came from it,
     * and if the file is newer than what FileInstall read, FileInstall reads it again at its next poll.
     */
    public void applied(Path file, Map<String, ?> properties) throws IOException {
        Path target = inside(file);
        ConfigText.Format format = formatOf(target);
        synchronized (LOCK) {
            byte[] current = read(target);
            if (current != null && !blank(current) && holds(current, properties, format)) {
                keepLastGood(target, current);
            }
        }
    }

    /** Deletes the file and its last good copy. */
    public void delete(Path file) throws IOException {
        Path target = inside(file);
        synchronized (LOCK) {
            DurableFiles.delete(target);
            DurableFiles.delete(lastGood(target));
        }
    }

    /**
     * At start, before FileInstall reads the directory: removes temporary files a crash left, puts
     * back every damaged file that has a good last copy, and records a last good copy of every sound
     * file (also of one edited by hand while the gateway was stopped: the file is the truth).
     *
     * @return the damaged files, restored or not
     */
    public List<Repair> repair() throws IOException {
        List<Repair> out = repairDamaged();
        keepLastGoodCopies();
        return out;
    }

    /**
     * The part of {@link #repair()} that must come before FileInstall reads the directory: removes temporary
     * files a crash left and puts back every damaged file that has a good last copy.
     *
     * @return the damaged files, restored or not
     */
    public List<Repair> repairDamaged() throws IOException {
        List<Repair> out = new ArrayList<>();
        synchronized (LOCK) {
            for (Path file : files(true)) {
                Finding finding = inspect(file);
                if (finding.damage().isPresent() && finding.goodCopy() != null) {
                    DurableFiles.replace(file, finding.goodCopy());
                    out.add(new Repair(file, true, finding.damage().get()));
                } else if (finding.damage().isPresent()) {
                    out.add(new Repair(file, false, finding.damage().get()));
                }
            }
        }
        return out;
    }

    /**
     * The rest of {@link #repair()}: makes the last good copy of every sound file equal to it, durably. Only the
     * next start reads these copies, so this may run beside FileInstall (it writes only the hidden copies, under
     * the same lock as every write of this directory).
     */
    public void keepLastGoodCopies() throws IOException {
        synchronized (LOCK) {
            for (Path file : files(false)) {
                Finding finding = inspect(file);
                if (finding.damage().isEmpty()) {
                    keepLastGood(file, finding.bytes());
                }
            }
        }
    }

    /** The damaged files as they are now, without changing anything (for `wardgate check`). */
    public List<Repair> inspect() throws IOException {
        List<Repair> out = new ArrayList<>();
        for (Path file : files(false)) {
            Finding finding = inspect(file);
            finding.damage().ifPresent(d -> out.add(new Repair(file, finding.goodCopy() != null, d)));
        }
        return out;
    }

    /** The number of configuration files (for reports). */
    public int count() throws IOException {
        return files(false).size();
    }

    private record Finding(byte[] bytes, Optional<String> damage, byte[] goodCopy) {
    }

    private Finding inspect(Path file) {
        byte[] copy;
        try {
            copy = read(lastGood(file));
        } catch (IOException e) {
            copy = null;
        }
        byte[] good = copy != null && damage(copy, null, file).isEmpty() ? copy : null;
        try {
            byte[] bytes = read(file);
            if (bytes == null) {
                return new Finding(null, Optional.of("vanished while being checked"), good);
            }
            return new Finding(bytes, damage(bytes, copy, file), good);
        } catch (IOException e) {
            return new Finding(null, Optional.of("unreadable: " + e.getClass().getSimpleName()), good);
        }
    }

    /**
     * What is wrong with a file's bytes, if anything. Damage is what a crash during a non-atomic
     * write leaves: nothing, zero bytes where the data never reached the disk, or a file cut short
     * (a beginning of the last good copy, or a typed file whose unterminated last line does not parse).
     * A file equal to its last good copy is sound, whatever it holds.
     */
    static Optional<String> damage(byte[] bytes, byte[] lastGood, Path file) {
        if (lastGood != null && Arrays.equals(bytes, lastGood)) {
            return Optional.empty();
        }
        if (bytes.length > MAX_FILE) {
            return Optional.empty(); // not ours to judge; FileInstall reads it or not
        }
        if (blank(bytes)) {
            return Optional.of(bytes.length == 0 ? "empty" : "blank");
        }
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.of("holds zero bytes (its data never reached the disk)");
            }
        }
        boolean unterminated = bytes[bytes.length - 1] != '\n';
        if (unterminated && lastGood != null && bytes.length < lastGood.length
                && Arrays.equals(bytes, 0, bytes.length, lastGood, 0, bytes.length)) {
            return Optional.of("cut short (" + bytes.length + " of " + lastGood.length + " bytes)");
        }
        if (unterminated && ConfigText.Format.of(file).orElse(null) == ConfigText.Format.TYPED) {
            try {
                ConfigText.parse(new String(bytes, StandardCharsets.ISO_8859_1), ConfigText.Format.TYPED);
            } catch (IOException e) {
                return Optional.of("cut short (" + e.getMessage() + ")");
            }
        }
        return Optional.empty();
    }

    private static boolean holds(byte[] current, Map<String, ?> properties, ConfigText.Format format) {
        try {
            return ConfigText.same(ConfigText.parse(new String(current, StandardCharsets.ISO_8859_1), format), properties, format);
        } catch (IOException e) {
            return false;
        }
    }

    private static void keepLastGood(Path file, byte[] bytes) throws IOException {
        if (blank(bytes)) {
            return;
        }
        Path copy = lastGood(file);
        byte[] old;
        try {
            old = read(copy);
        } catch (IOException e) {
            old = null;
        }
        if (old == null || !Arrays.equals(old, bytes)) {
            DurableFiles.replace(copy, bytes);
        }
    }

    private static boolean blank(byte[] bytes) {
        for (byte b : bytes) {
            if (!(b == ' ' || b == '\t' || b == '\n' || b == '\r')) {
                return false;
            }
        }
        return true;
    }

    /** The file's bytes, null if it does not exist; at most 1 MiB + 1 bytes are read. */
    private static byte[] read(Path file) throws IOException {
        try (var in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return in.readNBytes((int) MAX_FILE + 1);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The configuration files (top level, regular, not hidden); with {@code clean}, crash leftovers removed. */
    private List<Path> files(boolean clean) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return out;
        }
        try (DirectoryStream<Path> list = Files.newDirectoryStream(directory)) {
            for (Path file : list) {
                String name = file.getFileName().toString();
                if (name.startsWith(".")) {
                    if (clean && name.endsWith(DurableFiles.TEMP_SUFFIX) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                        Files.deleteIfExists(file);
                    }
                } else if (ConfigText.Format.of(file).isPresent() && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && out.size() < MAX_FILES) {
                    out.add(file);
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static ConfigText.Format formatOf(Path target) {
        return ConfigText.Format.of(target)
                .orElseThrow(() -> new IllegalArgumentException("not a .cfg or .config file: " + target.getFileName()));
    }

    private Path inside(Path file) {
        Path target = file.toAbsolutePath().normalize();
        if (target.getParent() == null || !target.getParent().equals(directory)) {
            throw new IllegalArgumentException("not in the configuration directory: " + file.getFileName());
        }
        return target;
    }
}
