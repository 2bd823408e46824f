package io.wardgate.shared.tls;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.testkit.CrlServer;
import io.wardgate.testkit.FreePort;
import io.wardgate.testkit.Issued;
import io.wardgate.testkit.TestPki;
import io.wardgate.testkit.TestPki.Profile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCSP where the certificate offers it (RFC 6960, Authority Information Access): a signed GOOD lets the peer
 * in, REVOKED refuses it, an unreachable responder fails closed unless a CRL distribution point answers.
 */
class OcspTlsTest {
    private static final TestPki PKI = TestPki.create("Hospital OCSP test CA");
    private static final Profile BROKER = Profile.server("broker", List.of("localhost"), List.of("127.0.0.1"));

    @TempDir
    Path dir;

    private OcspResponder responder;

    @BeforeEach
    void setUp() throws Exception {
        responder = new OcspResponder(PKI.authority());
    }

    @AfterEach
    void tearDown() {
        responder.close();
    }

    private void connect(Issued server) throws Exception {
        try (TlsPeer peer = new TlsPeer(server)) {
            peer.connect(List.of(PKI.caCertificate()), new RevocationChecker(
                    RevocationSettings.defaults(dir.resolve("cache")), Clock.systemUTC()));
        }
    }

    @Test
    void aGoodAnswerLetsThePeerInAndARevokedOneRefusesIt() throws Exception {
        Issued good = PKI.issueRevocable(BROKER, null, responder.url());
        assertThatCode(() -> connect(good)).doesNotThrowAnyException();
        responder.revoke(good.certificate().getSerialNumber());
        assertThatThrownBy(() -> connect(good)).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("revoked").hasMessageContaining("OCSP");
    }

    @Test
    void anUnreachableResponderFailsClosedUnlessTheCrlAnswers() throws Exception {
        URI nowhere = URI.create("http://127.0.0.1:" + FreePort.pick() + "/ocsp");
        Issued ocspOnly = PKI.issueRevocable(BROKER, null, nowhere);
        assertThatThrownBy(() -> connect(ocspOnly)).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("revocation status").hasMessageContaining("unknown");
        try (CrlServer crls = CrlServer.start()) {
            crls.serve(PKI.crl());
            Issued both = PKI.issueRevocable(BROKER, crls.url(), nowhere);
            assertThatCode(() -> connect(both)).doesNotThrowAnyException();
        }
    }
}
