package io.wardgate.web.auth;

import io.wardgate.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.web.config.ConfigForms;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Security review #20 findings 2, 6 and 12, each as the attack the review described. */
class SecurityFindingsTest {
    static final String PASSWORD = "a long enough secret";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-10T08:00:00Z"));
    private final Secrets secrets = new Secrets(new SecureRandom());
    private final List<String> audit = Collections.synchronizedList(new ArrayList<>());
    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.DEFAULT, secrets);
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private UserStore users;
    private SessionStore sessions;
    private LoginThrottle throttle;
    private AuthService auth;
    private UserAdmin admin;

    @BeforeEach
    void setUp() throws Exception {
        users = UserStore.open(dir.resolve("web").resolve("users"));
        sessions = new SessionStore(clock, secrets, Duration.ofMinutes(15));
        throttle = new LoginThrottle(clock, new LoginThrottle.Limits(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(15)));
        Audit recorder = (actor, action, target, outcome, detail) -> audit.add(action + " " + target + " " + outcome);
        auth = new AuthService(clock, secrets, users, hasher, throttle, sessions, recorder);
        admin = new UserAdmin(clock, users, hasher, sessions, throttle, recorder);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    // Finding 2: a role without MFA could weaken security settings.
    @Test
    void everyRoleThatCanChangeAnythingNeedsTotpAndReadOnlyRolesNeedNot() {
        assertThat(Role.ADMINISTRATOR.requiresTotp()).isTrue();
        assertThat(Role.CLINICAL_ENGINEER.requiresTotp()).isTrue();
        assertThat(Role.AUDITOR.requiresTotp()).isFalse();
        assertThat(Role.VIEWER.requiresTotp()).isFalse();
    }

    @Test
    void aClinicalEngineerMustEnrollTotpBeforeDoingAnything() throws Exception {
        users.add(new User("bob", Role.CLINICAL_ENGINEER, hasher.hash(PASSWORD.toCharArray()), null, -1, clock.instant()));
        AuthService.Result r = auth.login("bob", PASSWORD.toCharArray(), "", "10.0.0.1");
        assertThat(r.ok()).isTrue();
        assertThat(sessions.touch(r.sessionId().get()).orElseThrow().stage()).isEqualTo(Session.Stage.ENROLLING);
    }

    @Test
    void securityRelevantSettingsAreAdministratorOnlyAndNewPidsTooByDefault() {
        for (String pid : List.of("io.wardgate.audit.AuditTrail", "io.wardgate.audit.syslog.AtnaExport",
                "io.wardgate.uplink.Uplink", "io.wardgate.seal.Identity", "io.wardgate.seal.Sealer",
                "io.wardgate.manage.Manage", "io.wardgate.manage.ConfigOperations", "io.wardgate.update.Update",
                "io.wardgate.web.WebConsole", "io.wardgate.check.SelfCheck", "io.wardgate.something.New")) {
            assertThat(ConfigForms.adminOnly(pid)).as(pid).isTrue();
        }
        for (String pid : List.of("io.wardgate.serial.Port", "io.wardgate.ble.Bluetooth", "io.wardgate.policy.Allowlist",
                "io.wardgate.outbox.Outbox")) {
            assertThat(ConfigForms.adminOnly(pid)).as(pid).isFalse();
        }
    }

    // Finding 6: look-up, verify and save were not atomic, so two concurrent logins could share one code.
    @Test
    void oneTotpCodeLogsInOnceEvenWhenTwoLoginsRaceWithIt() throws Exception {
        byte[] secret = secrets.bytes(20);
        users.add(new User("alice", Role.ADMINISTRATOR, hasher.hash(PASSWORD.toCharArray()), secret, -1, clock.instant()));
        String code = Totp.code(secret, Totp.step(clock.instant()), 6);
        for (int round = 0; round < 3; round++) {
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<Boolean>> both = new ArrayList<>();
            String now = Totp.code(secret, Totp.step(clock.instant()), 6);
            for (int i = 0; i < 2; i++) {
                String address = "10.0.0." + i;
                both.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return auth.login("alice", PASSWORD.toCharArray(), now, address).ok();
                }));
            }
            int succeeded = 0;
            for (Future<Boolean> f : both) {
                succeeded += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(succeeded).as("round " + round + ": logins with the same code").isEqualTo(1);
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(code).hasSize(6);
        assertThat(audit).filteredOn(a -> a.startsWith("LOGIN_SUCCEEDED")).hasSize(3);
    }

    // Finding 12: guesses of the current password on password change were not throttled.
    @Test
    void wrongCurrentPasswordsOnPasswordChangeLockTheAccountAndEndItsSessions() throws Exception {
        users.add(new User("carol", Role.VIEWER, hasher.hash(PASSWORD.toCharArray()), null, -1, clock.instant()));
        AuthService.Result login = auth.login("carol", PASSWORD.toCharArray(), "", "10.0.0.5");
        Session session = sessions.touch(login.sessionId().get()).orElseThrow();
        for (int i = 0; i < 5; i++) {
            assertThat(admin.changeOwnPassword(session, ("guess number " + i).toCharArray(),
                    "another long secret".toCharArray(), "10.0.0.5")).isPresent();
        }
        // Locked: even the right current password no longer changes it, and the session is gone.
        assertThat(admin.changeOwnPassword(session, PASSWORD.toCharArray(), "another long secret".toCharArray(),
                "10.0.0.5")).hasValueSatisfying(why -> assertThat(why).containsIgnoringCase("locked"));
        assertThat(sessions.touch(login.sessionId().get())).isEmpty();
        assertThat(throttle.lockedUntil("carol", "10.9.9.9")).isPresent();
        assertThat(audit).contains("ACCOUNT_LOCKED carol " + Outcome.WARNING);
        assertThat(hasher.verify(PASSWORD.toCharArray(), users.find("carol").orElseThrow().passwordHash())).isTrue();
        clock.advance(Duration.ofMinutes(15));
        AuthService.Result again = auth.login("carol", PASSWORD.toCharArray(), "", "10.0.0.5");
        Session fresh = sessions.touch(again.sessionId().get()).orElseThrow();
        assertThat(admin.changeOwnPassword(fresh, PASSWORD.toCharArray(), "another long secret".toCharArray(),
                "10.0.0.5")).isEmpty();
    }

    // Finding 12: five wrong setup-code guesses (by anyone on the network) disabled setup until a restart.
    @Test
    void wrongSetupCodeGuessesDelaySetupButNeverDisableIt() {
        SetupCode.Issued issued = SetupCode.issue(secrets, clock, Duration.ofMinutes(60));
        for (int i = 0; i < SetupCode.MAX_ATTEMPTS; i++) {
            assertThat(issued.holder().consume("AAAAA-AAAAA-AAAAA-AAAA" + i)).isEqualTo(SetupCode.Result.WRONG);
        }
        assertThat(issued.holder().consume(issued.text())).as("right code while cooling down")
                .isEqualTo(SetupCode.Result.TOO_MANY_ATTEMPTS);
        assertThat(issued.holder().isUsable()).isTrue();
        clock.advance(SetupCode.FIRST_COOLDOWN);
        assertThat(issued.holder().consume(issued.text())).isEqualTo(SetupCode.Result.ACCEPTED);
    }

    @Test
    void theSetupCooldownGrowsWithEachRoundOfWrongGuesses() {
        SetupCode.Issued issued = SetupCode.issue(secrets, clock, Duration.ofMinutes(600));
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < SetupCode.MAX_ATTEMPTS; i++) {
                assertThat(issued.holder().consume("BBBBB-BBBBB-BBBBB-BBBB" + i)).isEqualTo(SetupCode.Result.WRONG);
            }
            clock.advance(SetupCode.FIRST_COOLDOWN.multipliedBy(1L << round).minusSeconds(1));
            assertThat(issued.holder().consume(issued.text())).isEqualTo(SetupCode.Result.TOO_MANY_ATTEMPTS);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(issued.holder().consume(issued.text())).isEqualTo(SetupCode.Result.ACCEPTED);
    }
}
