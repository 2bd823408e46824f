package io.wardgate.web.auth;

import io.wardgate.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #23 item 6: common passwords refused, and an administrator resets a lost phone's TOTP (audited). */
class UserAdminTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-10T08:00:00Z"));
    private final Secrets secrets = new Secrets(new SecureRandom());
    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.DEFAULT, secrets);
    private final List<String> audit = new ArrayList<>();
    private UserStore users;
    private SessionStore sessions;
    private UserAdmin admin;
    private Session alice;

    @BeforeEach
    void setUp() throws Exception {
        users = UserStore.open(dir.resolve("users"));
        sessions = new SessionStore(clock, secrets, Duration.ofMinutes(15));
        LoginThrottle throttle = new LoginThrottle(clock, new LoginThrottle.Limits(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(15)));
        admin = new UserAdmin(clock, users, hasher, sessions, throttle,
                (actor, action, target, outcome, detail) -> audit.add(action + " " + target + " by " + actor));
        users.add(new User("alice", Role.ADMINISTRATOR, hasher.hash("alices long secret".toCharArray()), secrets.bytes(20), -1, clock.instant()));
        alice = sessions.touch(sessions.create("alice", Role.ADMINISTRATOR, Session.Stage.ACTIVE)).orElseThrow();
    }

    @Test
    void commonPasswordsAndCommonWordsWithDigitsAreRefused() throws Exception {
        for (String weak : List.of("password1234", "Password2026!", "welcome123456", "!!qwerty!!1234", "123456789012345",
                "hospital2026!!")) {
            assertThat(PasswordPolicy.problem("bob", weak.toCharArray())).as(weak).isPresent();
            assertThat(admin.create(alice, "bob", "administrator", weak.toCharArray())).as(weak).isPresent();
        }
        assertThat(PasswordPolicy.problem("bob", "correct horse battery".toCharArray())).isEmpty();
    }

    @Test
    void anAdministratorResetsAnotherUsersTotpAndItIsAudited() throws Exception {
        users.add(new User("carol", Role.CLINICAL_ENGINEER, hasher.hash("carols long secret".toCharArray()),
                secrets.bytes(20), 7, clock.instant()));
        String carolsSession = sessions.create("carol", Role.CLINICAL_ENGINEER, Session.Stage.ACTIVE);

        assertThat(admin.resetTotp(alice, "carol")).isEmpty();

        assertThat(users.find("carol").orElseThrow().hasTotp()).isFalse();
        assertThat(sessions.touch(carolsSession)).as("her sessions end").isEmpty();
        assertThat(audit).contains("MFA_RESET carol by user:alice");
        assertThat(admin.resetTotp(alice, "alice")).as("not one's own").isPresent();
        assertThat(admin.resetTotp(alice, "carol")).as("nothing left to reset").isPresent();
    }

    @Test
    void nobodyRemovesDemotesOrResetsThePasswordOfTheirOwnAccount() throws Exception {
        // A second administrator, so that "the last administrator" is not what refuses these.
        users.add(new User("bob", Role.ADMINISTRATOR, hasher.hash("bobs long secret here".toCharArray()), null, -1,
                clock.instant()));
        String alicesSession = sessions.create("alice", Role.ADMINISTRATOR, Session.Stage.ACTIVE);
        String before = users.find("alice").orElseThrow().passwordHash();

        assertThat(admin.resetPassword(alice, "alice", "a brand new long secret".toCharArray()))
                .hasValueSatisfying(why -> assertThat(why).contains("My account"));
        assertThat(admin.changeRole(alice, "alice", "viewer")).isPresent();
        assertThat(admin.remove(alice, "alice")).isPresent();

        User still = users.find("alice").orElseThrow();
        assertThat(still.passwordHash()).isEqualTo(before);
        assertThat(still.role()).isEqualTo(Role.ADMINISTRATOR);
        assertThat(sessions.touch(alicesSession)).as("her sessions go on").isPresent();
        assertThat(audit).isEmpty();
        // Another administrator may do each of them.
        Session bob = sessions.touch(sessions.create("bob", Role.ADMINISTRATOR, Session.Stage.ACTIVE)).orElseThrow();
        assertThat(admin.resetPassword(bob, "alice", "a brand new long secret".toCharArray())).isEmpty();
        assertThat(sessions.touch(alicesSession)).as("a reset ends her sessions").isEmpty();
        assertThat(admin.changeRole(bob, "alice", "viewer")).isEmpty();
        assertThat(admin.remove(bob, "alice")).isEmpty();
        assertThat(audit).containsExactly("PASSWORD_RESET alice by user:bob", "USER_ROLE_CHANGED alice by user:bob",
                "USER_REMOVED alice by user:bob");
    }
}
