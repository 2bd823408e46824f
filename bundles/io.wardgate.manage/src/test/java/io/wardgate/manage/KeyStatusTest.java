package io.wardgate.manage;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.shared.tls.RevocationChecker;
import io.wardgate.shared.tls.RevocationSettings;
import io.wardgate.testkit.CrlServer;
import io.wardgate.testkit.Issued;
import io.wardgate.testkit.MutableClock;
import io.wardgate.testkit.Pem;
import io.wardgate.testkit.RecordingAuditTrail;
import io.wardgate.testkit.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * #20, revocation of hospital IT's management keys (pinned leaf certificates), the cases the end-to-end
 * test (ManageEndToEndTest) does not cover: fail closed when the distribution point cannot be reached,
 * an issuer missing from the trusted-keys file, expiry at the gateway's (injected) clock, and the
 * audited opt-out. Real certificates (validity relative to now), a real HTTP distribution point.
 */
class KeyStatusTest {
    private final TestPki pki = TestPki.create("WardGate test management CA");

    @TempDir
    Path dir;

    @Test
    void aKeyWhoseDistributionPointCannotBeReachedIsRefusedFailClosed() throws Exception {
        try (CrlServer crls = CrlServer.start()) {
            Issued key = pki.issueRevocable(TestPki.Profile.client("it-fleet-key"), crls.url(), null);
            TrustedKeys keys = file(key.certificate(), pki.caCertificate());
            crls.stop();
            Optional<String> refusal = checked(Clock.systemUTC()).refusal(keys, only(keys));
            assertThat(refusal).hasValueSatisfying(reason -> assertThat(reason).contains("it-fleet-key")
                    .contains("revocation status").contains("unknown"));
        }
    }

    @Test
    void aGoodKeyPassesAndTheSameKeyIsRefusedOnceTheCaRevokedIt() throws Exception {
        try (CrlServer crls = CrlServer.start()) {
            Issued key = pki.issueRevocable(TestPki.Profile.client("it-fleet-key"), crls.url(), null);
            TrustedKeys keys = file(key.certificate(), pki.caCertificate());
            crls.serve(pki.crl());
            assertThat(checked(Clock.systemUTC()).refusal(keys, only(keys))).isEmpty();
            crls.serve(pki.crl(key.certificate()));
            assertThat(checked(Clock.systemUTC()).refusal(keys, only(keys)))
                    .hasValueSatisfying(reason -> assertThat(reason).contains("is revoked"));
        }
    }

    @Test
    void aCertificateNamingADistributionPointWithoutItsIssuerInTheFileIsRefused() throws Exception {
        try (CrlServer crls = CrlServer.start()) {
            crls.serve(pki.crl());
            Issued key = pki.issueRevocable(TestPki.Profile.client("it-fleet-key"), crls.url(), null);
            TrustedKeys keys = file(key.certificate());
            assertThat(checked(Clock.systemUTC()).refusal(keys, only(keys))).hasValueSatisfying(
                    reason -> assertThat(reason).contains("issuer's CA certificate is not in the trusted keys file"));
        }
    }

    @Test
    void expiryIsCheckedAtEveryRequestAgainstTheGatewaysClock() throws Exception {
        Issued key = pki.client("it-fleet-key"); // no distribution point: only expiry and the local list apply
        TrustedKeys keys = file(key.certificate(), pki.caCertificate());
        MutableClock clock = MutableClock.startingNow();
        KeyStatus status = checked(clock);
        assertThat(status.refusal(keys, only(keys))).isEmpty();
        clock.set(key.certificate().getNotAfter().toInstant().plusSeconds(1));
        assertThat(status.refusal(keys, only(keys))).hasValueSatisfying(reason -> assertThat(reason).contains("expired at"));
        clock.set(key.certificate().getNotBefore().toInstant().minusSeconds(1));
        assertThat(status.refusal(keys, only(keys))).hasValueSatisfying(reason -> assertThat(reason).contains("not valid before"));
    }

    @Test
    void theOptOutSkipsOnlyTheCaCheckAndIsAudited() throws Exception {
        try (CrlServer crls = CrlServer.start()) {
            Issued key = pki.issueRevocable(TestPki.Profile.client("it-fleet-key"), crls.url(), null);
            crls.serve(pki.crl(key.certificate()));
            TrustedKeys keys = file(key.certificate(), pki.caCertificate());
            RecordingAuditTrail audit = new RecordingAuditTrail();
            Path list = Files.writeString(dir.resolve("revoked"), "");
            WatchedFile<RevokedKeys> revoked = new WatchedFile<>(list, "revoked", RevokedKeys::load, RevokedKeys.ALL);
            KeyStatus off = new KeyStatus(RevocationChecker.off(), revoked, Clock.systemUTC()).auditOptOut(audit);
            assertThat(audit.withAction("MANAGE_REVOCATION_OFF")).hasSize(1);
            assertThat(off.refusal(keys, only(keys))).isEmpty();
            Files.writeString(list, only(keys).kid() + "\n");
            assertThat(off.refusal(keys, only(keys))).hasValueSatisfying(
                    reason -> assertThat(reason).contains("local revocation list"));
            assertThat(audit.withAction("MANAGE_REVOCATION_OFF")).hasSize(1);
            checked(Clock.systemUTC()).auditOptOut(audit);
            assertThat(audit.withAction("MANAGE_REVOCATION_OFF")).hasSize(1); // on: nothing to record
        }
    }

    private KeyStatus checked(Clock clock) {
        return KeyStatus.checkedBy(new RevocationChecker(RevocationSettings.inMemory(), List.of(), clock), clock);
    }

    private TrustedKeys file(X509Certificate... certificates) throws IOException {
        Path file = dir.resolve("management-" + System.nanoTime() + ".pem");
        Pem.writeCertificates(file, List.of(certificates));
        return TrustedKeys.load(file);
    }

    private static TrustedKeys.Trusted only(TrustedKeys keys) {
        assertThat(keys.byKid()).hasSize(1);
        return keys.byKid().values().iterator().next();
    }
}
