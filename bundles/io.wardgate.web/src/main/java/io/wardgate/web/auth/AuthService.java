package io.wardgate.web.auth;

import io.wardgate.api.pipeline.AuditEvent.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Logins, first-time setup and TOTP enrollment. Every outcome is audited; a failure never says
 * whether the name, the password, the code or a lockout was the reason.
 */
public final class AuthService {
    static final int TOTP_SECRET_BYTES = 20;

    /** The outcome of a login or setup: a new session's cookie value, or a refusal. */
    public record Result(Optional<String> sessionId, String refusal) {
        static Result ok(String id) {
            return new Result(Optional.of(id), "");
        }

        static Result refused(String why) {
            return new Result(Optional.empty(), why);
        }

        public boolean ok() {
            return sessionId.isPresent();
        }
    }

    public static final String LOGIN_REFUSED = "Login failed: wrong user name, password or code, or the account is locked for a while.";

    private final Clock clock;
    private final Secrets secrets;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final SessionStore sessions;
    private final Audit audit;
    private volatile SetupCode setupCode;
    private final Map<String, byte[]> pendingTotp = new HashMap<>();

    public AuthService(Clock clock, Secrets secrets, UserStore users, PasswordHasher hasher, LoginThrottle throttle,
            SessionStore sessions, Audit audit) {
        this.clock = clock;
        this.secrets = secrets;
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.sessions = sessions;
        this.audit = audit;
    }

    public void setSetupCode(SetupCode code) {
        this.setupCode = code;
    }

    /** Whether first-time setup is open: no user exists and a usable setup code was issued. */
    public boolean setupOpen() {
        SetupCode code = setupCode;
        return users.isEmpty() && code != null && code.isUsable();
    }

    public boolean hasUsers() {
        return !users.isEmpty();
    }

    public Result login(String name, char[] password, String totp, String address) {
        String who = "anonymous@" + address;
        String target = name != null && User.NAME.matcher(name).matches() ? name : "";
        Optional<Instant> locked = throttle.lockedUntil(target, address);
        if (locked.isPresent()) {
            audit.record(who, "LOGIN_FAILED", target, Outcome.DENIED, "locked out until " + locked.get());
            return Result.refused(LOGIN_REFUSED);
        }
        Optional<User> found = users.find(target);
        if (found.isEmpty()) {
            hasher.burn(password == null ? new char[0] : password);
            return failed(who, target, address, "unknown user or wrong password");
        }
        User user = found.get();
        if (!hasher.verify(password, user.passwordHash())) {
            return failed(who, target, address, "unknown user or wrong password");
        }
        Session.Stage stage = user.role().requiresTotp() && !user.hasTotp() ? Session.Stage.ENROLLING
                : Session.Stage.ACTIVE;
        String rehashed = hasher.needsRehash(user.passwordHash()) ? hasher.hash(password) : null;
        // Verify the code and spend its time step in one step under the store's lock: two logins
        // racing with the same code cannot both see the old last step (review finding 6).
        String verified = user.passwordHash();
        Optional<User> saved = update(target, stored -> accept(stored, totp, verified, rehashed));
        if (saved.isEmpty()) {
            return failed(who, target, address, "wrong or reused TOTP code");
        }
        user = saved.get();
        throttle.recordSuccess(target);
        audit.record("user:" + target, "LOGIN_SUCCEEDED", target, Outcome.SUCCESS,
                "from " + address + (stage == Session.Stage.ENROLLING ? ", TOTP enrollment required" : ""));
        return Result.ok(sessions.create(target, user.role(), stage));
    }

    /** Creates the first administrator with the one-time setup code; the session must then enroll TOTP. */
    public Result setup(String code, String name, char[] password, String address) {
        String who = "anonymous@" + address;
        if (throttle.lockedUntil("", address).isPresent()) {
            audit.record(who, "SETUP_REFUSED", "", Outcome.DENIED, "source address locked out");
            return Result.refused("Too many attempts from this address; wait and try again.");
        }
        SetupCode current = setupCode;
        if (!users.isEmpty() || current == null) {
            audit.record(who, "SETUP_REFUSED", "", Outcome.DENIED, "setup already done");
            return Result.refused("Setup has already been done.");
        }
        if (name == null || !User.NAME.matcher(name).matches()) {
            return Result.refused("A user name is a lower-case letter, then up to 31 of a-z 0-9 . _ -");
        }
        Optional<String> weak = PasswordPolicy.problem(name, password);
        if (weak.isPresent()) {
            return Result.refused("Password refused: " + weak.get() + ".");
        }
        SetupCode.Result checked = current.consume(code);
        if (checked != SetupCode.Result.ACCEPTED) {
            throttle.recordFailure("", address);
            audit.record(who, "SETUP_REFUSED", "", Outcome.FAILURE, "setup code " + checked.name().toLowerCase());
            return Result.refused(switch (checked) {
                case WRONG -> "Wrong setup code.";
                case TOO_MANY_ATTEMPTS -> "Too many wrong setup codes; wait a few minutes and try again.";
                default -> "The setup code was used or has expired; restart WardGate for a new one (see the log).";
            });
        }
        User admin = new User(name, Role.ADMINISTRATOR, hasher.hash(password), null, -1, clock.instant());
        try {
            if (!users.add(admin)) {
                return Result.refused("Setup has already been done.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the user file", e);
        }
        audit.record("user:" + name, "SETUP_COMPLETED", name, Outcome.SUCCESS,
                "first administrator created from " + address);
        return Result.ok(sessions.create(name, Role.ADMINISTRATOR, Session.Stage.ENROLLING));
    }

    /** A new TOTP secret for an enrolling session's user, held until confirmed. */
    public synchronized byte[] startEnrollment(Session session) {
        byte[] secret = pendingTotp.get(session.user());
        if (secret == null) {
            secret = secrets.bytes(TOTP_SECRET_BYTES);
            pendingTotp.put(session.user(), secret);
        }
        return secret.clone();
    }

    /**
     * Confirms enrollment with a code from the app; on success the old session ends and the
     * returned new one is active.
     */
    public synchronized Result confirmEnrollment(String oldSessionId, Session session, String code, String address) {
        byte[] secret = pendingTotp.get(session.user());
        Optional<User> user = users.find(session.user());
        if (secret == null || user.isEmpty()) {
            return Result.refused("Start the enrollment first.");
        }
        OptionalLong step = Totp.verify(secret, code, clock.instant(), -1);
        if (step.isEmpty()) {
            throttle.recordFailure(session.user(), address);
            audit.record(session.actor(), "MFA_ENROLLMENT_FAILED", session.user(), Outcome.FAILURE, "wrong code");
            return Result.refused("Wrong code: check the phone's clock and try the next code.");
        }
        save(user.get().withTotp(secret, step.getAsLong()));
        pendingTotp.remove(session.user());
        sessions.invalidate(oldSessionId);
        audit.record(session.actor(), "MFA_ENROLLED", session.user(), Outcome.SUCCESS, "TOTP enrolled");
        return Result.ok(sessions.create(session.user(), session.role(), Session.Stage.ACTIVE));
    }

    public void logout(String sessionId, Session session) {
        sessions.invalidate(sessionId);
        audit.record(session.actor(), "LOGOUT", session.user(), Outcome.SUCCESS, "");
    }

    private Result failed(String who, String target, String address, String reason) {
        boolean nowLocked = throttle.recordFailure(target, address);
        audit.record(who, "LOGIN_FAILED", target, Outcome.FAILURE, reason);
        if (nowLocked) {
            audit.record("system", "ACCOUNT_LOCKED", target, Outcome.WARNING,
                    "too many failed logins for the user or from " + address);
        }
        return Result.refused(LOGIN_REFUSED);
    }

    /** The stored user after this login, or empty when the TOTP code is wrong or its step was spent. */
    private Optional<User> accept(User stored, String totp, String verified, String rehashed) {
        if (!stored.passwordHash().equals(verified)) {
            return Optional.empty(); // the password changed meanwhile
        }
        User next = stored;
        if (stored.role().requiresTotp() && stored.hasTotp()) {
            OptionalLong step = Totp.verify(stored.totpSecret(), totp, clock.instant(), stored.totpLastStep());
            if (step.isEmpty()) {
                return Optional.empty();
            }
            next = next.withTotp(stored.totpSecret(), step.getAsLong());
        }
        next = next.withLastLogin(clock.instant());
        return Optional.of(rehashed == null ? next : next.withPasswordHash(rehashed));
    }

    private Optional<User> update(String name, java.util.function.Function<User, Optional<User>> change) {
        try {
            return users.update(name, change);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the user file", e);
        }
    }

    private void save(User user) {
        try {
            users.replace(user);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the user file", e);
        }
    }
}
