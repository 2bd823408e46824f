package io.wardgate.web.auth;

import io.wardgate.shared.files.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The users, in one file (mode 0600, directory 0700) that is replaced atomically on every change.
 * One line per user: {@code name role phc-hash totp-secret-base32-or-dash last-step created-epoch-seconds}.
 * A file that does not parse is an error (nobody logs in) rather than an empty store (which would
 * offer first-time setup to whoever reads the log).
 */
public final class UserStore {
    static final String HEADER = "# WardGate web users v1 (do not edit while WardGate runs)";
    public static final int MAX_USERS = 200;
    static final int MAX_FILE_BYTES = 256 * 1024;

    private final Path file;
    private final TotpSecrets totp;
    private final Map<String, User> users = new TreeMap<>();
    private int sealedAtOpen;

    private UserStore(Path file, TotpSecrets totp) {
        this.file = file;
        this.totp = totp;
    }

    /** Opens the store, creating its directory (0700) when absent; TOTP secrets as they are. */
    public static UserStore open(Path file) throws IOException {
        return open(file, TotpSecrets.CLEAR);
    }

    /**
     * Opens the store with TOTP secrets sealed by {@code totp}; secrets found in clear are sealed now (the
     * file is rewritten), and {@link #sealedAtOpen()} says how many.
     */
    public static UserStore open(Path file, TotpSecrets totp) throws IOException {
        DurableFiles.privateDirectory(file.getParent());
        UserStore store = new UserStore(file, totp);
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            store.users.putAll(parse(text, file, totp));
            long clear = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.split(" ")).filter(f -> f.length > 3 && !f[3].equals("-") && !totp.isSealed(f[3]))
                    .count();
            if (clear > 0) {
                store.write(new TreeMap<>(store.users));
                store.sealedAtOpen = (int) clear;
            }
        }
        return store;
    }

    /** How many TOTP secrets were found in clear and sealed when the store was opened. */
    public int sealedAtOpen() {
        return sealedAtOpen;
    }

    public synchronized boolean isEmpty() {
        return users.isEmpty();
    }

    public synchronized Optional<User> find(String name) {
        return Optional.ofNullable(name == null ? null : users.get(name));
    }

    public synchronized List<User> list() {
        return Collections.unmodifiableList(new ArrayList<>(users.values()));
    }

    public synchronized long countWithRole(Role role) {
        return users.values().stream().filter(u -> u.role() == role).count();
    }

    /** Adds a user; false when the name is taken or the store is full. */
    public synchronized boolean add(User user) throws IOException {
        if (users.containsKey(user.name()) || users.size() >= MAX_USERS) {
            return false;
        }
        Map<String, User> next = new TreeMap<>(users);
        next.put(user.name(), user);
        write(next);
        return true;
    }

    /** Replaces an existing user; false when there is none of that name. */
    public synchronized boolean replace(User user) throws IOException {
        if (!users.containsKey(user.name())) {
            return false;
        }
        Map<String, User> next = new TreeMap<>(users);
        next.put(user.name(), user);
        write(next);
        return true;
    }

    /**
     * Read-modify-write of one user under the store's lock: {@code change} sees the stored user and
     * returns its replacement, or empty to leave it. Returns the stored result, empty when there is
     * no such user or the change declined.
     */
    public synchronized Optional<User> update(String name, java.util.function.Function<User, Optional<User>> change)
            throws IOException {
        User current = users.get(name);
        if (current == null) {
            return Optional.empty();
        }
        Optional<User> next = change.apply(current);
        if (next.isPresent() && !next.get().equals(current)) {
            if (!next.get().name().equals(name)) {
                throw new IllegalArgumentException("an update cannot rename a user");
            }
            Map<String, User> all = new TreeMap<>(users);
            all.put(name, next.get());
            write(all);
        }
        return next;
    }

    public synchronized boolean remove(String name) throws IOException {
        if (!users.containsKey(name)) {
            return false;
        }
        Map<String, User> next = new TreeMap<>(users);
        next.remove(name);
        write(next);
        return true;
    }

    private void write(Map<String, User> next) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (User u : next.values()) {
            text.append(u.name()).append(' ').append(u.role().code()).append(' ').append(u.passwordHash()).append(' ')
                    .append(u.hasTotp() ? totp.seal(u.name(), Base32.encode(u.totpSecret())) : "-").append(' ').append(u.totpLastStep())
                    .append(' ').append(u.createdAt().getEpochSecond()).append(' ')
                    .append(u.lastLogin() == null ? "-" : String.valueOf(u.lastLogin().getEpochSecond())).append('\n');
        }
        DurableFiles.writePrivate(file, text.toString().getBytes(StandardCharsets.UTF_8));
        users.clear();
        users.putAll(next);
    }

    /** Parses the file's text; throws IOException naming the line (never its content) when malformed. */
    static Map<String, User> parse(String text, Path source) throws IOException {
        return parse(text, source, TotpSecrets.CLEAR);
    }

    static Map<String, User> parse(String text, Path source, TotpSecrets totp) throws IOException {
        if (text.length() > MAX_FILE_BYTES) {
            throw new IOException(source + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        Map<String, User> out = new TreeMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                User user = parseLine(line, totp);
                if (out.put(user.name(), user) != null || out.size() > MAX_USERS) {
                    throw new IllegalArgumentException("duplicate user or too many users");
                }
            } catch (IllegalArgumentException e) {
                throw new IOException(source + " line " + (i + 1) + " is malformed", e);
            }
        }
        return out;
    }

    private static User parseLine(String line, TotpSecrets totp) throws IOException {
        String[] f = line.split(" ");
        // The 7th field (last login, "-" for never) came later: files of 6 fields still read.
        if (f.length != 6 && f.length != 7) {
            throw new IllegalArgumentException("6 or 7 fields expected");
        }
        Role role = Role.fromCode(f[1]).orElseThrow(() -> new IllegalArgumentException("unknown role"));
        byte[] secret = f[3].equals("-") ? null : Base32.decode(totp.open(f[0], f[3]));
        if (secret != null && (secret.length < 16 || secret.length > 64)) {
            throw new IllegalArgumentException("TOTP secret length");
        }
        Instant lastLogin = f.length == 7 && !f[6].equals("-") ? Instant.ofEpochSecond(Long.parseLong(f[6])) : null;
        return new User(f[0], role, f[2], secret, Long.parseLong(f[4]), Instant.ofEpochSecond(Long.parseLong(f[5])),
                lastLogin);
    }
}
