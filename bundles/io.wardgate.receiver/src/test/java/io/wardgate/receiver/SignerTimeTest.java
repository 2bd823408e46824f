package io.wardgate.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.ContentAlgorithm;
import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.EnvelopeSealer;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.Randomness;
import io.wardgate.seal.envelope.SealTags;
import io.wardgate.seal.envelope.SigningKey;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.envelope.TestReadings;
import io.wardgate.testkit.Issued;
import io.wardgate.testkit.TestPki;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Security review finding 8: the signer's certificate is checked at the receiver's time, not at the
 * sealedAt the signer chose. Validity at sealing counts only for envelopes sealed during an outage:
 * sealedAt at most the outage allowance (here 7 days) before reception and at most
 * CaSignerCheck.CLOCK_SKEW after it, and no certificate of the path revoked. Dates are relative to
 * now (the receiver's clock is the system clock; certificates are issued relative to it).
 */
class SignerTimeTest {
    private static final Duration ALLOWANCE = Duration.ofDays(7);
    private final TestPki pki = TestPki.create("Hospital Gateway CA");
    private final Instant now = Instant.now();
    private final EnvelopeSealer sealer = new EnvelopeSealer(Randomness.secure(new SecureRandom()),
            Es256Signer.randomized(new SecureRandom()));

    private Issued gateway(Instant notBefore, Instant notAfter) {
        return pki.issue(TestPki.Profile.client("wg-ward-7"), new TestPki.Validity(notBefore, notAfter));
    }

    private OpenResult open(Issued signer, Instant sealedAt, List<X509CRL> crls) {
        byte[] envelope = sealer.seal(new SealTags("wg-ward-7", TestReadings.MONITOR.id(), 1, 0, sealedAt),
                new Batch(TestReadings.MONITOR, TestReadings.BED_12, "icu", List.of(TestReadings.everyVitalSign().get(1))),
                new SigningKey(signer.key(), signer.certificate().getPublicKey(), signer.chain()),
                TestKeys.backendRecipient(), ContentAlgorithm.CHACHA20_POLY1305);
        return new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                new CaSignerCheck(List.of(pki.caCertificate()), List.of(), crls, Clock.systemUTC(), ALLOWANCE))
                .open(envelope);
    }

    private static String rejection(OpenResult result) {
        assertThat(result).isInstanceOf(OpenResult.Rejected.class);
        OpenResult.Rejected rejected = (OpenResult.Rejected) result;
        assertThat(rejected.reason()).isEqualTo(OpenResult.Reason.UNKNOWN_SIGNER);
        return rejected.detail();
    }

    @Test
    void aCertificateValidAtReceptionIsTrustedWhateverTheGatewayClockSaid() {
        Issued current = gateway(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        // A Pi cold-booted without RTC seals with 1970 until NTP answers.
        assertThat(open(current, Instant.EPOCH, List.of())).isInstanceOf(OpenResult.Opened.class);
    }

    @Test
    void anEnvelopeSealedDuringAnOutageBeforeTheCertificateExpiredStillOpens() {
        Issued expiredYesterday = gateway(now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(1)));
        assertThat(open(expiredYesterday, now.minus(Duration.ofDays(2)), List.of()))
                .isInstanceOf(OpenResult.Opened.class);
    }

    @Test
    void anExpiredCertificateCannotBackdateBeyondTheOutageAllowance() {
        Issued expiredYesterday = gateway(now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(1)));
        // Before the fix, validity at the claimed sealedAt was enough: a retired key could sign forever.
        assertThat(rejection(open(expiredYesterday, now.minus(Duration.ofDays(30)), List.of())))
                .contains("longer ago than the outage allowance");
    }

    @Test
    void aSealedAtAfterReceptionGetsNoAllowance() {
        Issued notYetValid = gateway(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(60)));
        assertThat(rejection(open(notYetValid, now.plus(Duration.ofDays(2)), List.of())))
                .contains("sealed after reception");
        Issued expiredYesterday = gateway(now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(1)));
        assertThat(rejection(open(expiredYesterday, now.plus(CaSignerCheck.CLOCK_SKEW).plusSeconds(60), List.of())))
                .contains("sealed after reception");
    }

    @Test
    void aRevokedCertificateCannotBackdateToBeforeItsRevocation() {
        Issued revoked = gateway(now.minus(Duration.ofDays(60)), now.plus(Duration.ofDays(30)));
        X509CRL crl = pki.crl(revoked.certificate());
        assertThat(rejection(open(revoked, now.minus(Duration.ofDays(3)), List.of(crl)))).contains("revoked");
        Issued other = gateway(now.minus(Duration.ofDays(60)), now.plus(Duration.ofDays(30)));
        assertThat(open(other, now.minus(Duration.ofDays(3)), List.of(crl))).isInstanceOf(OpenResult.Opened.class);
    }
}
