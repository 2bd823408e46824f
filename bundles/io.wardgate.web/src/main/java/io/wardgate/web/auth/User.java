package io.wardgate.web.auth;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A user of the web UI.
 *
 * @param name 1 to 32 characters: a lower-case letter, then lower-case letters, digits, '.', '_' or '-'
 * @param role the one role the user has
 * @param passwordHash the Argon2id PHC string
 * @param totpSecret the TOTP secret once enrolled, else null; copied in and out
 * @param totpLastStep the last TOTP time step accepted (no code works twice)
 * @param createdAt when the user was created
 * @param lastLogin when the user last logged in successfully, null if never
 */
public record User(String name, Role role, String passwordHash, byte[] totpSecret, long totpLastStep, Instant createdAt,
        Instant lastLogin) {
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,31}");

    public User {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a user name is a lower-case letter, then up to 31 of a-z 0-9 . _ -");
        }
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
        totpSecret = totpSecret == null ? null : totpSecret.clone();
    }

    /** A user who never logged in. */
    public User(String name, Role role, String passwordHash, byte[] totpSecret, long totpLastStep, Instant createdAt) {
        this(name, role, passwordHash, totpSecret, totpLastStep, createdAt, null);
    }

    @Override
    public byte[] totpSecret() {
        return totpSecret == null ? null : totpSecret.clone();
    }

    public boolean hasTotp() {
        return totpSecret != null;
    }

    public User withPasswordHash(String hash) {
        return new User(name, role, hash, totpSecret, totpLastStep, createdAt, lastLogin);
    }

    public User withTotp(byte[] secret, long lastStep) {
        return new User(name, role, passwordHash, secret, lastStep, createdAt, lastLogin);
    }

    public User withRole(Role newRole) {
        return new User(name, newRole, passwordHash, newRole.requiresTotp() ? totpSecret : null, totpLastStep,
                createdAt, lastLogin);
    }

    public User withLastLogin(Instant at) {
        return new User(name, role, passwordHash, totpSecret, totpLastStep, createdAt, at);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof User u && name.equals(u.name) && role == u.role && passwordHash.equals(u.passwordHash)
                && Arrays.equals(totpSecret, u.totpSecret) && totpLastStep == u.totpLastStep
                && createdAt.equals(u.createdAt) && Objects.equals(lastLogin, u.lastLogin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, role, passwordHash, totpLastStep, createdAt) * 31 + Arrays.hashCode(totpSecret);
    }

    /** Never prints the hash or the secret. */
    @Override
    public String toString() {
        return "User[" + name + ", " + role.code() + (hasTotp() ? ", totp" : "") + "]";
    }
}
