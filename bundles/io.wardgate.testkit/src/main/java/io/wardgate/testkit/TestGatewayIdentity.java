package io.wardgate.testkit;

import io.wardgate.api.pipeline.GatewayIdentity;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.X509KeyManager;

/** A {@link GatewayIdentity} made from a test certificate (the real one lives in the seal bundle). */
public final class TestGatewayIdentity implements GatewayIdentity {
    private final String gatewayId;
    private final Issued issued;

    public TestGatewayIdentity(String gatewayId, Issued issued) {
        this.gatewayId = gatewayId;
        this.issued = issued;
    }

    /** Issues a client certificate with CN = gateway id from the given CA. */
    public static TestGatewayIdentity issue(TestPki pki, String gatewayId) {
        return new TestGatewayIdentity(gatewayId, pki.client(gatewayId));
    }

    /** Reads a chain (leaf first) and a PKCS#8 key written by {@link #write}, e.g. in a child process. */
    public static TestGatewayIdentity read(String gatewayId, Path chainPem, Path keyPem) {
        List<X509Certificate> chain = Pem.readCertificates(chainPem);
        return new TestGatewayIdentity(gatewayId, new Issued(chain.get(0), Pem.readPrivateKey(keyPem), chain));
    }

    public void write(Path chainPem, Path keyPem) {
        Pem.writeCertificates(chainPem, issued.chain());
        Pem.writePrivateKey(keyPem, issued.key());
    }

    @Override
    public String gatewayId() {
        return gatewayId;
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return issued.chain();
    }

    @Override
    public X509KeyManager tlsKeyManager() {
        return issued.keyManager();
    }
}
