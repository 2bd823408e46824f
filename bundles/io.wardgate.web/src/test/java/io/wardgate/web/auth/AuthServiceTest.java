package io.wardgate.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** First-time setup, TOTP enrollment, login and lockout, with real files and a hand-moved clock. */
class AuthServiceTest {
    record Event(String actor, String action, String target, Outcome outcome) {
    }

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-10T08:00:00Z"));
    private final Secrets secrets = new Secrets(new SecureRandom());
    private final List<Event> audit = new ArrayList<>();
    private UserStore users;
    private SessionStore sessions;
    private AuthService auth;
    private SetupCode.Issued code;

    @BeforeEach
    void setUp() throws Exception {
        users = UserStore.open(dir.resolve("web").resolve("users"));
        sessions = new SessionStore(clock, secrets, Duration.ofMinutes(15));
        LoginThrottle throttle = new LoginThrottle(clock, new LoginThrottle.Limits(5, 20, Duration.ofMinutes(15),
                Duration.ofMinutes(15)));
        auth = new AuthService(clock, secrets, users, new PasswordHasher(PasswordHasher.DEFAULT, secrets), throttle,
                sessions, (actor, action, target, outcome, detail) -> audit.add(new Event(actor, action, target, outcome)));
        code = SetupCode.issue(secrets, clock, Duration.ofMinutes(60));
        auth.setSetupCode(code.holder());
    }

    @Test
    void aFreshInstallHasNoUsableLoginAndCommonDefaultsNeverLogIn() {
        assertThat(auth.setupOpen()).isTrue();
        for (String[] pair : new String[][] {{"admin", "admin"}, {"admin", "password"}, {"root", "root"},
            {"admin", "changeme"}, {"admin", ""}, {"wardgate", "wardgate"}}) {
            assertThat(auth.login(pair[0], pair[1].toCharArray(), "", "10.0.0.1").ok()).as(pair[0]).isFalse();
        }
        assertThat(audit).extracting(Event::action).containsOnly("LOGIN_FAILED");
    }

    @Test
    void setupWithTheCodeCreatesTheFirstAdministratorWhoMustEnrollTotp() throws Exception {
        assertThat(auth.setup("WRONG-CODE1-AAAAA-BBBBB", "alice", "long enough secret".toCharArray(), "a").ok()).isFalse();
        AuthService.Result done = auth.setup(code.text(), "alice", "long enough secret".toCharArray(), "a");
        assertThat(done.ok()).isTrue();
        Session enrolling = sessions.touch(done.sessionId().get()).orElseThrow();
        assertThat(enrolling.stage()).isEqualTo(Session.Stage.ENROLLING);
        assertThat(enrolling.role()).isEqualTo(Role.ADMINISTRATOR);
        // Single use: neither the same code nor a second setup works.
        assertThat(auth.setup(code.text(), "mallory", "long enough secret".toCharArray(), "b").ok()).isFalse();
        assertThat(auth.setupOpen()).isFalse();
        // The user file is private to the service user and never holds the password.
        Path file = dir.resolve("web").resolve("users");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(Files.readString(file)).doesNotContain("long enough secret").contains("$argon2id$");

        byte[] secret = auth.startEnrollment(enrolling);
        assertThat(auth.confirmEnrollment(done.sessionId().get(), enrolling, "000000", "a").ok()).isFalse();
        String now = Totp.code(secret, Totp.step(clock.instant()), 6);
        AuthService.Result active = auth.confirmEnrollment(done.sessionId().get(), enrolling, now, "a");
        assertThat(active.ok()).isTrue();
        assertThat(sessions.touch(done.sessionId().get())).as("the enrolling session id is dead").isEmpty();
        assertThat(sessions.touch(active.sessionId().get()).orElseThrow().isActive()).isTrue();
        assertThat(audit).extracting(Event::action).contains("SETUP_REFUSED", "SETUP_COMPLETED",
                "MFA_ENROLLMENT_FAILED", "MFA_ENROLLED");

        // Later logins need the password and a fresh code; the enrollment code cannot be replayed.
        assertThat(auth.login("alice", "long enough secret".toCharArray(), now, "a").ok()).isFalse();
        assertThat(auth.login("alice", "long enough secret".toCharArray(), "", "a").ok()).isFalse();
        clock.advance(Duration.ofSeconds(30));
        String next = Totp.code(secret, Totp.step(clock.instant()), 6);
        AuthService.Result login = auth.login("alice", "long enough secret".toCharArray(), next, "a");
        assertThat(login.ok()).isTrue();
        assertThat(login.sessionId().get()).isNotEqualTo(active.sessionId().get());
    }

    @Test
    void afterTheFailureLimitEvenTheRightPasswordIsRefusedUntilTheLockoutEnds() throws Exception {
        users.add(new User("bob", Role.CLINICAL_ENGINEER,
                new PasswordHasher(PasswordHasher.DEFAULT, secrets).hash("bobs long password".toCharArray()), null, -1,
                clock.instant()));
        for (int i = 0; i < 5; i++) {
            assertThat(auth.login("bob", "wrong password!!".toCharArray(), "", "10.0.0." + i).ok()).isFalse();
        }
        assertThat(auth.login("bob", "bobs long password".toCharArray(), "", "10.0.0.99").ok()).isFalse();
        assertThat(audit.stream().filter(e -> e.action().equals("LOGIN_FAILED") && e.target().equals("bob")))
                .hasSize(6);
        assertThat(audit).extracting(Event::action).contains("ACCOUNT_LOCKED");
        clock.advance(Duration.ofMinutes(15));
        AuthService.Result ok = auth.login("bob", "bobs long password".toCharArray(), "", "10.0.0.99");
        assertThat(ok.ok()).isTrue();
        assertThat(sessions.touch(ok.sessionId().get()).orElseThrow().role()).isEqualTo(Role.CLINICAL_ENGINEER);
    }

    @Test
    void weakPasswordsAreRefusedAtSetup() {
        assertThat(auth.setup(code.text(), "alice", "short".toCharArray(), "a").ok()).isFalse();
        assertThat(auth.setup(code.text(), "alice", "password123".toCharArray(), "a").ok()).isFalse();
        assertThat(auth.setup(code.text(), "alice", "alice-is-my-password".toCharArray(), "a").ok()).isFalse();
        assertThat(auth.setup(code.text(), "alice", "aaaaaaaaaaaaaaaa".toCharArray(), "a").ok()).isFalse();
        assertThat(auth.setupOpen()).as("a refused password does not use up the code").isTrue();
    }

    @Test
    void aMalformedUserFileIsAnErrorNotAnEmptyStore() throws Exception {
        Path file = dir.resolve("broken").resolve("users");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "alice administrator not-a-hash\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UserStore.open(file))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("line 1")
                .hasMessageNotContaining("not-a-hash");
    }
}
