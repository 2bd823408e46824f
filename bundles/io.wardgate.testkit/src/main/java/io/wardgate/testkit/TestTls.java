package io.wardgate.testkit;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Plain JSSE contexts for test peers (subscribers, fake servers); the gateway builds its own. */
public final class TestTls {
    private TestTls() {
    }

    /** A TLS 1.3/1.2 context presenting {@code own} and trusting only {@code trusted}. */
    public static SSLContext context(Issued own, X509Certificate trusted) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", trusted);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(own == null ? null : new KeyManager[] {own.keyManager()}, trustManagers.getTrustManagers(),
                    new SecureRandom());
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot make a test TLS context", e);
        }
    }
}
