package io.wardgate.shared.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.testkit.CrlServer;
import io.wardgate.testkit.Issued;
import io.wardgate.testkit.TestPki;
import io.wardgate.testkit.TestPki.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation on by default, with real TLS handshakes and a real HTTP distribution point (RFC 5280 section
 * 4.2.1.13): a revoked peer is refused, a fetched CRL is cached on disk, an unreachable distribution point is
 * tolerated for the grace period after the cached CRL's next update and refused after it (fail closed).
 * Dates are relative to now.
 */
class RevocationTlsTest {
    private static final TestPki PKI = TestPki.create("Hospital test CA");

    @TempDir
    Path dir;

    private CrlServer crls;
    private Issued server;
    private TlsPeer peer;

    @BeforeEach
    void setUp() throws Exception {
        crls = CrlServer.start();
        server = PKI.issueRevocable(Profile.server("broker", List.of("localhost"), List.of("127.0.0.1")), crls.url(),
                null);
        peer = new TlsPeer(server);
    }

    @AfterEach
    void tearDown() {
        peer.close();
        crls.close();
    }

    private RevocationChecker checker(Duration clockOffset) throws Exception {
        return new RevocationChecker(RevocationSettings.defaults(dir.resolve("cache")).withGrace(Duration.ofHours(1)),
                Clock.offset(Clock.systemUTC(), clockOffset));
    }

    private void connect(RevocationChecker checker) throws Exception {
        peer.connect(List.of(PKI.caCertificate()), checker);
    }

    @Test
    void aPeerWhoseCertificateTheDistributionPointListsIsRefused() {
        crls.serve(PKI.crl(server.certificate()));
        assertThatThrownBy(() -> connect(checker(Duration.ZERO))).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("revoked");
        assertThat(crls.requests()).isEqualTo(1);
    }

    @Test
    void theOptOutLetsARevokedPeerIn() {
        crls.serve(PKI.crl(server.certificate()));
        assertThatCode(() -> connect(RevocationChecker.off())).doesNotThrowAnyException();
        assertThat(crls.requests()).isZero();
    }

    @Test
    void aCurrentCrlIsCachedOnDiskAndUsedWithoutAskingAgain() throws Exception {
        crls.serve(PKI.crl(PKI.server("retired").certificate()));
        connect(checker(Duration.ZERO));
        try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".crl"))).hasSize(1);
        }
        crls.stop();
        assertThatCode(() -> connect(checker(Duration.ZERO))).doesNotThrowAnyException(); // a new process, from disk
        assertThat(crls.requests()).isEqualTo(1);
    }

    @Test
    void anUnreachableDistributionPointIsToleratedForTheGracePeriodThenRefused() throws Exception {
        Instant now = Instant.now();
        crls.serve(PKI.crl(now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofHours(1))));
        connect(checker(Duration.ZERO));
        crls.stop();
        // Past the CRL's next update, inside the one-hour grace period: the cached CRL still counts.
        assertThatCode(() -> connect(checker(Duration.ofMinutes(90)))).doesNotThrowAnyException();
        // Past the grace period: fail closed.
        assertThatThrownBy(() -> connect(checker(Duration.ofMinutes(121)))).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("grace period");
    }

    @Test
    void withoutAnyCrlAnUnreachableDistributionPointFailsClosed() {
        crls.stop();
        assertThatThrownBy(() -> connect(checker(Duration.ZERO))).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("revocation status").hasMessageContaining("unknown");
    }

    @Test
    void aCrlSignedByAnotherCaOrTooLargeIsNoEvidence() throws Exception {
        crls.serve(TestPki.create("Hospital test CA").crl());
        assertThatThrownBy(() -> connect(checker(Duration.ZERO))).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("unknown");
        crls.serveBytes(new byte[RevocationSettings.DEFAULT_MAX_RESPONSE_BYTES + 1]);
        assertThatThrownBy(() -> connect(checker(Duration.ZERO))).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("more than " + RevocationSettings.DEFAULT_MAX_RESPONSE_BYTES);
    }

    @Test
    void aStaleCrlServedAfterANewerOneDoesNotReplaceIt() throws Exception {
        Instant now = Instant.now();
        crls.serve(PKI.crl(now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofHours(1))));
        connect(checker(Duration.ZERO));
        // An attacker replays an older CRL from before the revocation; the cached newer one stays.
        crls.serve(PKI.crl(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1))));
        assertThatCode(() -> connect(checker(Duration.ofMinutes(90)))).doesNotThrowAnyException();
        assertThat(crls.requests()).isEqualTo(2);
    }
}
