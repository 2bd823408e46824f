package io.wardgate.web.auth;

import io.wardgate.api.pipeline.AuditEvent.Outcome;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * Changes to users, by an administrator (or a user changing their own password). Each change
 * ends the user's sessions where it changes what they may do, and is audited. The last
 * administrator can be neither removed nor demoted. Nobody removes, demotes or resets the
 * password of their own account here: a stolen session could otherwise take the account over
 * without the current password, or lock its owner out; another administrator must.
 */
public final class UserAdmin {
    private final Clock clock;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final Audit audit;

    public UserAdmin(Clock clock, UserStore users, PasswordHasher hasher, SessionStore sessions,
            LoginThrottle throttle, Audit audit) {
        this.clock = clock;
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
    }

    /** Empty when done, else why not (for the user to read). */
    public Optional<String> create(Session by, String name, String roleCode, char[] password) throws IOException {
        if (name == null || !User.NAME.matcher(name).matches()) {
            return Optional.of("A user name is a lower-case letter, then up to 31 of a-z 0-9 . _ -");
        }
        Optional<Role> role = Role.fromCode(roleCode);
        if (role.isEmpty()) {
            return Optional.of("Unknown role");
        }
        Optional<String> weak = PasswordPolicy.problem(name, password);
        if (weak.isPresent()) {
            return Optional.of("Password refused: " + weak.get());
        }
        if (!users.add(new User(name, role.get(), hasher.hash(password), null, -1, clock.instant()))) {
            return Optional.of("That name is taken, or there are too many users");
        }
        audit.record(by.actor(), "USER_CREATED", name, Outcome.SUCCESS, "role " + role.get().code());
        return Optional.empty();
    }

    public Optional<String> remove(Session by, String name) throws IOException {
        if (by.user().equals(name)) {
            return Optional.of("Another administrator must remove your own account");
        }
        Optional<User> user = users.find(name);
        if (user.isEmpty()) {
            return Optional.of("No such user");
        }
        if (user.get().role() == Role.ADMINISTRATOR && users.countWithRole(Role.ADMINISTRATOR) <= 1) {
            return Optional.of("The last administrator cannot be removed");
        }
        users.remove(name);
        sessions.invalidateUser(name);
        audit.record(by.actor(), "USER_REMOVED", name, Outcome.SUCCESS, "");
        return Optional.empty();
    }

    public Optional<String> changeRole(Session by, String name, String roleCode) throws IOException {
        if (by.user().equals(name)) {
            return Optional.of("Another administrator must change your own role");
        }
        Optional<User> user = users.find(name);
        Optional<Role> role = Role.fromCode(roleCode);
        if (user.isEmpty() || role.isEmpty()) {
            return Optional.of("No such user or role");
        }
        if (user.get().role() == Role.ADMINISTRATOR && role.get() != Role.ADMINISTRATOR
                && users.countWithRole(Role.ADMINISTRATOR) <= 1) {
            return Optional.of("The last administrator cannot be demoted");
        }
        users.replace(user.get().withRole(role.get()));
        sessions.invalidateUser(name);
        audit.record(by.actor(), "USER_ROLE_CHANGED", name, Outcome.SUCCESS,
                user.get().role().code() + " -> " + role.get().code());
        return Optional.empty();
    }

    /** An administrator sets a new password for someone (who then logs in with it). */
    public Optional<String> resetPassword(Session by, String name, char[] password) throws IOException {
        if (by.user().equals(name)) {
            return Optional.of("Change your own password under My account (it asks for the current one)");
        }
        Optional<User> user = users.find(name);
        if (user.isEmpty()) {
            return Optional.of("No such user");
        }
        Optional<String> weak = PasswordPolicy.problem(name, password);
        if (weak.isPresent()) {
            return Optional.of("Password refused: " + weak.get());
        }
        users.replace(user.get().withPasswordHash(hasher.hash(password)));
        sessions.invalidateUser(name);
        audit.record(by.actor(), "PASSWORD_RESET", name, Outcome.SUCCESS, "");
        return Optional.empty();
    }

    /**
     * A wrong current password counts as a failed login for the user and the address: a stolen
     * session cannot guess the password faster than the login form, and at the limit the account
     * is locked and its sessions end.
     */
    public Optional<String> changeOwnPassword(Session by, char[] current, char[] replacement, String address)
            throws IOException {
        if (throttle.lockedUntil(by.user(), address).isPresent()) {
            sessions.invalidateUser(by.user());
            audit.record(by.actor(), "PASSWORD_CHANGE_FAILED", by.user(), Outcome.DENIED, "account locked");
            return Optional.of("The account is locked for a while after too many wrong passwords");
        }
        Optional<User> user = users.find(by.user());
        if (user.isEmpty() || !hasher.verify(current, user.get().passwordHash())) {
            audit.record(by.actor(), "PASSWORD_CHANGE_FAILED", by.user(), Outcome.FAILURE, "wrong current password");
            if (throttle.recordFailure(by.user(), address)) {
                sessions.invalidateUser(by.user());
                audit.record("system", "ACCOUNT_LOCKED", by.user(), Outcome.WARNING,
                        "too many wrong current passwords on password change, from " + address);
                return Optional.of("The account is locked for a while after too many wrong passwords");
            }
            return Optional.of("The current password is wrong");
        }
        Optional<String> weak = PasswordPolicy.problem(by.user(), replacement);
        if (weak.isPresent()) {
            return Optional.of("Password refused: " + weak.get());
        }
        users.replace(user.get().withPasswordHash(hasher.hash(replacement)));
        sessions.invalidateUser(by.user());
        audit.record(by.actor(), "PASSWORD_CHANGED", by.user(), Outcome.SUCCESS, "");
        return Optional.empty();
    }

    /**
     * A lost phone: the user's TOTP secret is removed and their sessions end; at the next login
     * (password only) they must enroll a new one before doing anything. Not for one's own account.
     */
    public Optional<String> resetTotp(Session by, String name) throws IOException {
        Optional<User> user = users.find(name);
        if (user.isEmpty()) {
            return Optional.of("No such user");
        }
        if (name.equals(by.user())) {
            return Optional.of("Another administrator must reset your own second factor");
        }
        if (!user.get().hasTotp()) {
            return Optional.of(name + " has no second factor enrolled");
        }
        users.replace(user.get().withTotp(null, -1));
        sessions.invalidateUser(name);
        audit.record(by.actor(), "MFA_RESET", name, Outcome.SUCCESS, "TOTP removed; enrollment at the next login");
        return Optional.empty();
    }

    public Optional<String> unlock(Session by, String name) {
        if (users.find(name).isEmpty()) {
            return Optional.of("No such user");
        }
        throttle.unlock(name);
        audit.record(by.actor(), "USER_UNLOCKED", name, Outcome.SUCCESS, "");
        return Optional.empty();
    }
}
