package io.wardgate.web.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.seal.identity.IdentityStore;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CertificateRequests and TrustAnchors over the real identity store on real files. */
class IdentityAdaptersTest {
    @TempDir
    Path dir;

    private IdentityStore store() throws IOException {
        return IdentityStore.open(dir.resolve("keys"), "wg-ward-7", new SecureRandom(), Clock.systemUTC());
    }

    @Test
    void theRequestIsTheIdentitysPemAsDerSignedByTheGatewayKeyForItsId() throws Exception {
        IdentityStore store = store();

        byte[] der = new CertificateRequestsAdapter(store).certificationRequest();

        PKCS10CertificationRequest request = new PKCS10CertificationRequest(der);
        assertThat(request.getSubject().toString()).isEqualTo("CN=wg-ward-7");
        assertThat(request.isSignatureValid(new JcaContentVerifierProviderBuilder()
                .setProvider(new BouncyCastleProvider()).build(request.getSubjectPublicKeyInfo()))).isTrue();
        // ECDSA signatures differ on every request; the key and subject do not
        PKCS10CertificationRequest direct = new PKCS10CertificationRequest(
                CertificateRequestsAdapter.der(store.certificateSigningRequest()));
        assertThat(request.getSubjectPublicKeyInfo()).isEqualTo(direct.getSubjectPublicKeyInfo());
        assertThat(request.getSubject()).isEqualTo(direct.getSubject());
    }

    @Test
    void duringARotationTheRequestIsForTheNewKey() throws Exception {
        IdentityStore store = store();
        CertificateRequestsAdapter requests = new CertificateRequestsAdapter(store);
        byte[] before = new PKCS10CertificationRequest(requests.certificationRequest()).getSubjectPublicKeyInfo()
                .getEncoded();

        String rotation = store.beginRotation();

        byte[] after = new PKCS10CertificationRequest(requests.certificationRequest()).getSubjectPublicKeyInfo()
                .getEncoded();
        assertThat(after).isNotEqualTo(before);
        assertThat(after).isEqualTo(new PKCS10CertificationRequest(CertificateRequestsAdapter.der(rotation))
                .getSubjectPublicKeyInfo().getEncoded());
    }

    @Test
    void pemThatIsNotExactlyOneRequestIsRefused() {
        assertThatThrownBy(() -> CertificateRequestsAdapter.der("-----BEGIN CERTIFICATE-----\nAAAA\n"
                + "-----END CERTIFICATE-----\n")).isInstanceOf(IllegalStateException.class);
        String one = CertificateRequestsAdapter.BEGIN + "\nMAA=\n" + CertificateRequestsAdapter.END + "\n";
        assertThat(CertificateRequestsAdapter.der(one)).containsExactly(0x30, 0x00);
        assertThatThrownBy(() -> CertificateRequestsAdapter.der(one + one)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void trustAnchorsAreThoseInstalledInTheIdentity() throws Exception {
        IdentityStore store = store();
        TrustAnchorsAdapter anchors = new TrustAnchorsAdapter(store);
        assertThat(anchors.anchors()).isEmpty();

        X509Certificate first = ca("WardGate Test CA");
        X509Certificate second = ca("WardGate Other CA");
        store.installTrustAnchors(List.of(first, second));

        assertThat(anchors.anchors()).containsExactly(first, second);
        assertThat(new TrustAnchorsAdapter(store()).anchors()).containsExactly(first, second); // as stored on disk
    }

    @Test
    void theConsoleInstallsTrustAnchorsAndRefusesAChainForAnotherKey() throws Exception {
        IdentityStore store = store();
        IdentityInstallAdapter install = new IdentityInstallAdapter(store);
        X509Certificate anchor = ca("WardGate Hospital CA");

        install.installTrustAnchors(List.of(anchor));

        assertThat(new TrustAnchorsAdapter(store()).anchors()).containsExactly(anchor);
        assertThatThrownBy(() -> install.installCertificateChain(List.of(ca("Not the gateway"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("Exception");
    }

    /** A fresh self-signed EC P-256 CA certificate. */
    private static X509Certificate ca(String name) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + name);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new SecureRandom()), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(Duration.ofDays(365))), subject, key.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(
                "SHA256withECDSA").build(key.getPrivate())));
    }
}
