package io.wardgate.seal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.seal.envelope.SigningKey;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.X509KeyManager;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityStoreTest {
    @TempDir
    Path temp;

    private IdentityStore open(Path dir, String id) throws IOException {
        return IdentityStore.open(dir, id, new SecureRandom(), Clock.systemUTC());
    }

    @Test
    void firstStartMakesAKeyInA0700DirectoryOf0600Files() throws IOException {
        Path dir = temp.resolve("keys");
        IdentityStore store = open(dir, "");

        assertThat(store.gatewayId()).matches("wg-[0-9a-f]{8}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertThat(all).extracting(p -> p.getFileName().toString())
                    .contains("identity.p12", "identity.pass", "gateway-id");
            for (Path file : all) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .as(file.toString()).isEqualTo("rw-------");
            }
        }
        // No certificate yet: nothing for TLS, and the sealer signs with the key alone (kid only).
        assertThat(store.signingKey().chain()).isEmpty();
        assertThat(store.tlsKeyManager().chooseClientAlias(new String[] {"EC"}, null, null)).isNull();
    }

    @Test
    void theKeyAndIdSurviveARestart() throws IOException {
        Path dir = temp.resolve("keys");
        IdentityStore first = open(dir, "");
        IdentityStore second = open(dir, "");
        assertThat(second.gatewayId()).isEqualTo(first.gatewayId());
        assertThat(second.signingKey().publicKey()).isEqualTo(first.signingKey().publicKey());
    }

    @Test
    void twoProvisionedUnitsHaveDifferentKeys() throws IOException {
        IdentityStore a = open(temp.resolve("a"), "");
        IdentityStore b = open(temp.resolve("b"), "");
        assertThat(a.signingKey().publicKey()).isNotEqualTo(b.signingKey().publicKey());
        assertThat(a.gatewayId()).isNotEqualTo(b.gatewayId());
        assertThat(Files.readAllBytes(temp.resolve("a/identity.pass")))
                .isNotEqualTo(Files.readAllBytes(temp.resolve("b/identity.pass")));
    }

    @Test
    void theCsrNamesTheGatewayAndIsSignedByItsKey() throws Exception {
        IdentityStore store = open(temp.resolve("keys"), "wg-ward-7");
        String pem = store.certificateSigningRequest();
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            PKCS10CertificationRequest request = (PKCS10CertificationRequest) parser.readObject();
            assertThat(request.getSubject().toString()).isEqualTo("CN=wg-ward-7");
            assertThat(request.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .build(store.signingKey().publicKey()))).isTrue();
            assertThat(new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter()
                    .getPublicKey(request.getSubjectPublicKeyInfo())).isEqualTo(store.signingKey().publicKey());
        }
    }

    @Test
    void anIssuedChainIsInstalledOnlyFromTheTrustedCa() throws IOException {
        IdentityStore store = open(temp.resolve("keys"), "wg-ward-7");
        TestCa ca = new TestCa("WardGate Test CA");
        X509Certificate issued = ca.sign(store.certificateSigningRequest());

        assertThatThrownBy(() -> store.installCertificateChain(List.of(issued)))
                .hasMessageContaining("no trust anchor");
        store.installTrustAnchors(List.of(ca.certificate()));
        X509Certificate foreign = new TestCa("Other CA").sign(store.certificateSigningRequest());
        assertThatThrownBy(() -> store.installCertificateChain(List.of(foreign)))
                .hasMessageContaining("trust anchor");
        X509Certificate otherName = ca.issue("CN=wg-someone-else", store.signingKey().publicKey());
        assertThatThrownBy(() -> store.installCertificateChain(List.of(otherName))).hasMessageContaining("CN");

        store.installCertificateChain(List.of(issued, ca.certificate()));

        assertThat(store.signingKey().chain()).containsExactly(issued, ca.certificate());
        X509KeyManager tls = store.tlsKeyManager();
        String alias = tls.chooseClientAlias(new String[] {"EC"}, null, null);
        assertThat(tls.getCertificateChain(alias)[0]).isEqualTo(issued);
        assertThat(tls.getPrivateKey(alias)).isEqualTo(store.signingKey().privateKey());
        assertThat(open(temp.resolve("keys"), "wg-ward-7").signingKey().chain()).containsExactly(issued,
                ca.certificate());
    }

    @Test
    void rotationKeepsSigningWithTheOldKeyUntilTheNewCertificateArrives() throws IOException {
        IdentityStore store = open(temp.resolve("keys"), "wg-ward-7");
        TestCa ca = new TestCa("WardGate Test CA");
        store.installTrustAnchors(List.of(ca.certificate()));
        store.installCertificateChain(List.of(ca.sign(store.certificateSigningRequest())));
        SigningKey before = store.signingKey();

        String csr = store.beginRotation();
        assertThat(store.rotationPending()).isTrue();
        assertThat(store.signingKey().publicKey()).isEqualTo(before.publicKey());

        X509Certificate next = ca.sign(csr);
        assertThat(next.getPublicKey()).isNotEqualTo(before.publicKey());
        store.installCertificateChain(List.of(next));

        assertThat(store.rotationPending()).isFalse();
        assertThat(store.signingKey().publicKey()).isEqualTo(next.getPublicKey());
        IdentityStore reopened = open(temp.resolve("keys"), "wg-ward-7");
        assertThat(reopened.signingKey().publicKey()).isEqualTo(next.getPublicKey());
        assertThat(reopened.rotationPending()).isFalse();
    }

    @Test
    void backendKeysMustComeFromTheCaAndBeP256() throws IOException {
        IdentityStore store = open(temp.resolve("keys"), "wg-ward-7");
        TestCa ca = new TestCa("WardGate Test CA");
        store.installTrustAnchors(List.of(ca.certificate()));
        X509Certificate backend = ca.issue("CN=backend-2026", Certificates.newKeyPair(new SecureRandom()).getPublic());
        store.installBackendKey("backend-2026", backend);
        assertThat(store.backendKey("backend-2026")).get().extracting(k -> k.key())
                .isEqualTo(backend.getPublicKey());
        assertThat(store.backendKey("backend-2027")).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                temp.resolve("keys/backend-backend-2026.pem")))).isEqualTo("rw-------");
        X509Certificate foreign = new TestCa("Other").issue("CN=b", backend.getPublicKey());
        assertThatThrownBy(() -> store.installBackendKey("evil", foreign)).hasMessageContaining("trust anchor");
    }

    @Test
    void aLooseDirectoryIsTightened() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("loose"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        open(dir, "");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }
}
