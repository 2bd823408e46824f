package io.wardgate.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users page "last login" (issue #23): set by a successful login only, kept in the user file, old files still read. */
class LastLoginTest {
    static final String PASSWORD = "a long viewer passphrase";

    @TempDir
    Path dir;

    @Test
    void aSuccessfulLoginIsRememberedAcrossRestartsAFailedOneIsNot() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-10T08:00:00Z"));
        Secrets secrets = new Secrets(new SecureRandom());
        Path file = dir.resolve("web").resolve("users");
        UserStore users = UserStore.open(file);
        PasswordHasher hasher = new PasswordHasher(PasswordHasher.DEFAULT, secrets);
        users.add(new User("carol", Role.VIEWER, hasher.hash(PASSWORD.toCharArray()), null, -1, clock.instant()));
        LoginThrottle throttle = new LoginThrottle(clock, new LoginThrottle.Limits(5, 20, Duration.ofMinutes(15),
                Duration.ofMinutes(15)));
        AuthService auth = new AuthService(clock, secrets, users, hasher, throttle,
                new SessionStore(clock, secrets, Duration.ofMinutes(15)), (actor, action, target, outcome, detail) -> {
                });
        assertThat(users.find("carol").orElseThrow().lastLogin()).isNull();

        clock.advance(Duration.ofHours(2));
        assertThat(auth.login("carol", "wrong password!!".toCharArray(), "", "10.0.0.9").ok()).isFalse();
        assertThat(users.find("carol").orElseThrow().lastLogin()).as("a failed login is no login").isNull();
        assertThat(auth.login("carol", PASSWORD.toCharArray(), "", "10.0.0.9").ok()).isTrue();
        Instant loggedIn = clock.instant();

        assertThat(UserStore.open(file).find("carol").orElseThrow().lastLogin()).isEqualTo(loggedIn);
    }

    @Test
    void aUserFileWrittenBeforeLastLoginExistedStillReads() throws Exception {
        String old = UserStore.HEADER + "\ncarol viewer $argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g - -1 1767600000\n";
        Path file = dir.resolve("users");
        Files.writeString(file, old, StandardCharsets.UTF_8);
        User carol = UserStore.parse(Files.readString(file), file).get("carol");
        assertThat(carol.lastLogin()).isNull();
        assertThat(carol.createdAt()).isEqualTo(Instant.ofEpochSecond(1767600000));
    }
}
