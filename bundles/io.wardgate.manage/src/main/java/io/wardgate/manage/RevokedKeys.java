package io.wardgate.manage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The local revocation list of management keys: for keys whose certificate names no CRL distribution
 * point or OCSP responder, and for bare public keys, which no CA can revoke. One key id a line (the
 * SHA-256 of the key's SubjectPublicKeyInfo in hex, as `openssl pkey -pubin -outform DER | sha256sum`
 * prints it), optionally followed by a comment; '#' starts a comment line. A malformed file revokes
 * every key ({@link #ALL}) until it is fixed.
 */
record RevokedKeys(Set<String> kids, boolean all) {
    static final RevokedKeys NONE = new RevokedKeys(Set.of(), false);
    static final RevokedKeys ALL = new RevokedKeys(Set.of(), true);
    static final int MAX_FILE_BYTES = 1024 * 1024;
    private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64})(?:[ \\t]+[\\x20-\\x7E]*)?");

    RevokedKeys {
        kids = Set.copyOf(kids);
    }

    static RevokedKeys load(Path file) throws IOException {
        return parse(WatchedFile.readBounded(file, MAX_FILE_BYTES, "revoked management keys"));
    }

    static RevokedKeys parse(String text) throws IOException {
        Set<String> kids = new TreeSet<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            var matcher = LINE.matcher(trimmed);
            if (!matcher.matches()) {
                throw new IOException("revoked management keys, line " + number
                        + ": not a key id (64 hex digits, then an optional comment)");
            }
            kids.add(matcher.group(1).toLowerCase(Locale.ROOT));
        }
        return new RevokedKeys(kids, false);
    }

    boolean revoked(String kid) {
        return all || kids.contains(kid);
    }
}
