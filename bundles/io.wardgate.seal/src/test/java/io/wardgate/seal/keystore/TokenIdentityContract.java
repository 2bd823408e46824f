package io.wardgate.seal.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.seal.envelope.ContentAlgorithm;
import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.EnvelopeSealer;
import io.wardgate.seal.envelope.KeyIds;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.Randomness;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.envelope.TestReadings;
import io.wardgate.seal.identity.IdentityStore;
import io.wardgate.shared.tls.RevocationChecker;
import io.wardgate.shared.tls.TlsPolicy;
import io.wardgate.shared.tls.TrustAnchors;
import io.wardgate.testkit.BrokerSetup;
import io.wardgate.testkit.Brokers;
import io.wardgate.testkit.MqttBroker;
import io.wardgate.testkit.TestPki;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every token must do for the gateway identity (issue 21): keys made in the token and kept there,
 * envelopes the receiver's verification accepts, mutual TLS to a real broker with the token's key, a
 * rotation, a refused PIN, and not one private key byte in the data directory.
 */
abstract class TokenIdentityContract {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path temp;

    /** The token, reached with the PIN in {@code pinFile}. */
    abstract KeyLocation location(Path pinFile);

    /** Where the token keeps its own files, if on this machine's disk (tpm2-pkcs11's store). */
    Path tokenFiles() {
        return null;
    }

    IdentityStore open(String gatewayId, String pin) throws IOException {
        return IdentityStore.open(temp.resolve("data/identity"), gatewayId,
                location(Tokens.pinFile(temp.resolve("secrets"), pin)), RANDOM, Clock.systemUTC());
    }

    static String gatewayId(String name) {
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        return name + "-" + java.util.HexFormat.of().formatHex(suffix);
    }

    @Test
    void theKeyIsMadeInTheTokenNotExtractableAndKeptAcrossARestart() throws IOException {
        String id = gatewayId("wg-keep");
        PublicKey first;
        try (IdentityStore store = open(id, Tokens.PIN)) {
            PrivateKey key = store.signingKey().privateKey();
            assertThat(key).isNotInstanceOf(ECPrivateKey.class);
            assertThat(key.getEncoded()).as("a sensitive key has no encoding to give").isNull();
            assertThat(store.keyLocation().kind()).isNotEqualTo(KeyLocation.Kind.FILE);
            first = store.signingKey().publicKey();
        }
        try (IdentityStore again = open(id, Tokens.PIN)) {
            assertThat(again.signingKey().publicKey()).isEqualTo(first);
        }
        assertThat(temp.resolve("data/identity/identity.p12")).doesNotExist();
        assertThat(temp.resolve("data/identity/identity.pass")).doesNotExist();
    }

    @Test
    void envelopesSignedInTheTokenOpenWithTheReceiversVerification() throws IOException {
        try (IdentityStore store = open(gatewayId("wg-seal"), Tokens.PIN)) {
            EnvelopeSealer sealer = new EnvelopeSealer(Randomness.secure(RANDOM), store.signer());
            byte[] envelope = sealer.seal(TestReadings.tags(3, 9), TestReadings.batch(TestReadings.everyVitalSign()),
                    store.signingKey(), TestKeys.backendRecipient(), ContentAlgorithm.AES_256_GCM);

            EnvelopeOpener receiver = new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                    TestKeys.trusting(store.signingKey().publicKey()));
            OpenResult result = receiver.open(envelope);
            assertThat(result).isInstanceOf(OpenResult.Opened.class);
            assertThat(((OpenResult.Opened) result).signerKid()).isEqualTo(KeyIds.kid(store.signingKey().publicKey()));

            // A receiver trusting another key refuses it: the signature is checked, not merely present.
            EnvelopeOpener other = new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                    TestKeys.trusting(TestKeys.gateway().getPublic()));
            assertThat(other.open(envelope)).isInstanceOf(OpenResult.Rejected.class);
        }
    }

    @Test
    void mutualTlsToTheBrokerWithTheTokenKeyBeforeAndAfterARotation() throws Exception {
        String id = gatewayId("wg-tls");
        TestPki pki = TestPki.create("token-tls");
        try (IdentityStore store = open(id, Tokens.PIN);
                MqttBroker broker = Brokers.start(BrokerSetup.of(temp.resolve("broker"), pki))) {
            store.installTrustAnchors(List.of(pki.caCertificate()));
            store.installCertificateChain(pki.signRequest(store.certificateSigningRequest(), id));
            PublicKey before = store.signingKey().publicKey();

            assertThat(mqttConnect(broker, store.tlsKeyManager(), pki)).as(broker.log()).isZero();
            assertThat(broker.admittedConnections(id)).isEqualTo(1);

            String csr = store.beginRotation();
            assertThat(store.signingKey().publicKey()).as("the old key signs until the new one is certified")
                    .isEqualTo(before);
            store.installCertificateChain(pki.signRequest(csr, id));
            assertThat(store.rotationPending()).isFalse();
            assertThat(store.signingKey().publicKey()).isNotEqualTo(before);
            assertThat(store.signingKey().privateKey().getEncoded()).isNull();

            assertThat(mqttConnect(broker, store.tlsKeyManager(), pki)).as(broker.log()).isZero();
            assertThat(broker.admittedConnections(id)).isEqualTo(2);
            PublicKey after = store.signingKey().publicKey();
            store.close();
            try (IdentityStore again = open(id, Tokens.PIN)) {
                assertThat(again.signingKey().publicKey()).isEqualTo(after);
                assertThat(again.signingKey().chain()).isNotEmpty();
                assertThat(again.rotationPending()).isFalse();
            }
        }
    }

    @Test
    void aRefusedPinIsAClearErrorThatNamesTheFileNotThePin() throws IOException {
        String id = gatewayId("wg-pin");
        try (IdentityStore store = open(id, Tokens.PIN)) {
            assertThat(store.signingKey()).isNotNull();
        }
        assertThatThrownBy(() -> open(id, "not-the-pin-1234"))
                .isInstanceOf(TokenPinRefusedException.class)
                .hasMessageContaining("refused the PIN in " + temp.resolve("secrets"))
                .hasMessageNotContaining("not-the-pin-1234");
        // The right PIN still works: one refusal did not lock the token.
        try (IdentityStore store = open(id, Tokens.PIN)) {
            assertThat(store.signingKey()).isNotNull();
        }
    }

    @Test
    void aPinFileOthersCanReadIsRefusedBeforeTheTokenIsAsked() throws IOException {
        Path pin = Tokens.pinFile(temp.resolve("secrets"), Tokens.PIN);
        Files.setPosixFilePermissions(pin, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        assertThatThrownBy(() -> IdentityStore.open(temp.resolve("data/identity"), gatewayId("wg-open"),
                location(pin), RANDOM, Clock.systemUTC()))
                .isInstanceOf(IOException.class).hasMessageContaining("open to group or others");
    }

    @Test
    void noPrivateKeyByteIsInTheDataDirectoryAfterARun() throws Exception {
        String id = gatewayId("wg-scan");
        TestPki pki = TestPki.create("token-scan");
        try (IdentityStore store = open(id, Tokens.PIN)) {
            store.installTrustAnchors(List.of(pki.caCertificate()));
            store.installCertificateChain(pki.signRequest(store.certificateSigningRequest(), id));
            store.installCertificateChain(pki.signRequest(store.beginRotation(), id));
            new EnvelopeSealer(Randomness.secure(RANDOM), store.signer()).seal(TestReadings.tags(1, 1),
                    TestReadings.batch(TestReadings.everyVitalSign()), store.signingKey(), TestKeys.backendRecipient(),
                    ContentAlgorithm.AES_256_GCM);
        }
        byte[] pin = Tokens.PIN.getBytes(StandardCharsets.UTF_8);
        assertThat(KeyMaterialScan.findings(temp.resolve("data"), List.of(pin))).isEmpty();
        if (tokenFiles() != null) {
            // A token store may live in the data directory too (docs/install.md puts tpm2-pkcs11's there):
            // it holds keys wrapped by the TPM, never a key or the PIN in the clear.
            assertThat(KeyMaterialScan.findings(tokenFiles(), List.of(pin))).isEmpty();
        }

        // The scan is not blind: the same run with a file key is found at once.
        IdentityStore.open(temp.resolve("file-data/identity"), id, RANDOM, Clock.systemUTC()).close();
        assertThat(KeyMaterialScan.findings(temp.resolve("file-data"), List.of()))
                .anyMatch(finding -> finding.contains("PKCS#12"));
    }

    /**
     * An MQTT 3.1.1 CONNECT over TLS as the uplink makes it (io.wardgate.shared.tls: TlsPolicy, trust only in
     * the CA) with {@code keys}; the CONNACK's return code (0 = accepted).
     */
    static int mqttConnect(MqttBroker broker, X509KeyManager keys, TestPki pki) throws Exception {
        SSLContext context = TlsPolicy.context(new KeyManager[] {keys},
                TrustAnchors.trustManagers(List.of(pki.caCertificate()), RevocationChecker.off()));
        try (SSLSocket socket = (SSLSocket) TlsPolicy.strict().clientSocketFactory(context)
                .createSocket("localhost", broker.port())) {
            socket.setSoTimeout(20_000);
            byte[] clientId = "token-test".getBytes(StandardCharsets.US_ASCII);
            OutputStream out = socket.getOutputStream();
            byte[] variable = {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 30, 0, (byte) clientId.length};
            out.write(0x10);
            out.write(variable.length + clientId.length);
            out.write(variable);
            out.write(clientId);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] connack = new byte[4];
            in.readFully(connack);
            assertThat(connack[0]).as("CONNACK").isEqualTo((byte) 0x20);
            return connack[3];
        }
    }
}
