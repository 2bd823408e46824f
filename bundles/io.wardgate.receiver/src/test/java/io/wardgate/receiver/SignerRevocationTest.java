package io.wardgate.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.seal.envelope.KeyIds;
import io.wardgate.seal.envelope.SealTags;
import io.wardgate.seal.envelope.SignerCheck.Verdict;
import io.wardgate.shared.tls.RevocationChecker;
import io.wardgate.shared.tls.RevocationSettings;
import io.wardgate.testkit.CrlServer;
import io.wardgate.testkit.Issued;
import io.wardgate.testkit.TestPki;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * #20 finding 5 at the receiver: a gateway whose certificate the hospital CA revoked (listed in the CRL at the
 * distribution point the certificate names) is not trusted as a signer, by default and without a CRL file.
 */
class SignerRevocationTest {
    private static final TestPki PKI = TestPki.create("Hospital Gateway CA");

    private CrlServer crls;
    private Issued gateway;

    @BeforeEach
    void setUp() {
        crls = CrlServer.start();
        gateway = PKI.issueRevocable(TestPki.Profile.client("wg-ward-7"), crls.url(), null);
    }

    @AfterEach
    void tearDown() {
        crls.close();
    }

    private Verdict check(CaSignerCheck signers) {
        return signers.check(new SealTags("wg-ward-7", "dev-1", 1, 0, Instant.now()),
                KeyIds.kid(gateway.certificate().getPublicKey()), gateway.chain());
    }

    @Test
    void aRevokedGatewayIsNotTrustedByDefault() {
        crls.serve(PKI.crl(gateway.certificate()));
        Verdict verdict = check(new CaSignerCheck(List.of(PKI.caCertificate()), List.of(), List.of()));
        assertThat(verdict.isTrusted()).isFalse();
        assertThat(verdict.problem()).contains("revoked");
        assertThat(crls.requests()).isEqualTo(1);
    }

    @Test
    void aGatewayNotOnTheCrlIsTrustedAndAnUnreachableCrlFailsClosed() {
        crls.serve(PKI.crl(PKI.client("wg-retired").certificate()));
        assertThat(check(new CaSignerCheck(List.of(PKI.caCertificate()), List.of(), List.of())).isTrusted()).isTrue();
        crls.stop();
        Verdict unreachable = check(new CaSignerCheck(List.of(PKI.caCertificate()), List.of(), List.of()));
        assertThat(unreachable.isTrusted()).isFalse();
        assertThat(unreachable.problem()).contains("revocation status");
    }

    @Test
    void theOptOutTrustsTheRevokedGateway() {
        crls.serve(PKI.crl(gateway.certificate()));
        CaSignerCheck signers = new CaSignerCheck(List.of(PKI.caCertificate()), List.of(),
                new RevocationChecker(RevocationSettings.off(), List.of(), Clock.systemUTC()), Clock.systemUTC());
        assertThat(check(signers).isTrusted()).isTrue();
    }
}
