package io.wardgate.seal.keystore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * A token's user PIN, read from a file that only its owner may read (0400 or 0600, owned by the service
 * user or root). A file others can read is refused: the PIN would then protect nothing.
 */
final class PinFile {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final int MAX_BYTES = 256;

    private PinFile() {
    }

    static char[] read(Path file) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new IOException("the token's PIN file " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (!attributes.isRegularFile()) {
            throw new IOException("the token's PIN file " + file + " is not a regular file");
        }
        if (attributes.permissions().stream().anyMatch(OTHERS::contains)) {
            throw new IOException("the token's PIN file " + file + " is open to group or others: chmod 0400 it");
        }
        String owner = attributes.owner().getName();
        if (!owner.equals("root") && !owner.equals(System.getProperty("user.name"))) {
            throw new IOException("the token's PIN file " + file + " belongs to " + owner
                    + ", neither root nor the service user");
        }
        if (attributes.size() > MAX_BYTES) {
            throw new IOException("the token's PIN file " + file + " is larger than " + MAX_BYTES + " bytes");
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            int end = bytes.length;
            while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
                end--;
            }
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, end));
            char[] pin = Arrays.copyOf(chars.array(), chars.limit());
            Arrays.fill(chars.array(), '\0');
            if (pin.length == 0) {
                throw new IOException("the token's PIN file " + file + " is empty");
            }
            return pin;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
