package io.wardgate.network;

import io.wardgate.shared.tls.KeyManagers;
import io.wardgate.shared.tls.RevocationChecker;
import io.wardgate.shared.tls.RevocationSettings;
import io.wardgate.shared.tls.TlsPolicy;
import io.wardgate.shared.tls.TrustAnchors;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS on a TCP source (MLLP over TLS): the gateway's certificate and key (PKCS#12), the CAs whose client
 * certificates it accepts (PEM) and whether TLS 1.2 is offered too. Every connection must present a client
 * certificate from one of those CAs, not revoked: the CRLs the operator installs ({@code crlFiles}), then the
 * certificate's own OCSP responders and CRL distribution points (the shared {@link RevocationChecker}, fail
 * closed). Protocols and suites are the shared {@link TlsPolicy}'s, as for the
 * uplink and the audit export. The password is never part of a message or {@link #toString()}.
 *
 * @param keyStore PKCS#12 file with the gateway's key and certificate chain
 * @param password its password
 * @param clientCas PEM file of the CA certificates client certificates must chain to
 * @param allowTls12 also offer TLS 1.2
 * @param crlFiles CRL files (PEM or DER) of the client CAs, checked before anything else
 * @param pins the certificate each sender's address must present; {@link ClientPins#NONE}: any of the CAs'
 */
record TlsSettings(Path keyStore, char[] password, Path clientCas, boolean allowTls12, List<Path> crlFiles,
        ClientPins pins) {
    TlsSettings {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(clientCas, "clientCas");
        Objects.requireNonNull(pins, "pins");
        password = password.clone();
        crlFiles = List.copyOf(crlFiles);
    }

    /** Any certificate of the client CAs, from any address. */
    TlsSettings(Path keyStore, char[] password, Path clientCas, boolean allowTls12, List<Path> crlFiles) {
        this(keyStore, password, clientCas, allowTls12, crlFiles, ClientPins.NONE);
    }

    /** Without installed CRLs (the certificates' own revocation sources are still checked). */
    TlsSettings(Path keyStore, char[] password, Path clientCas, boolean allowTls12) {
        this(keyStore, password, clientCas, allowTls12, List.of());
    }

    /** The context for this source's engines; the file named in the message, never the password. */
    SSLContext context() throws IOException {
        try {
            RevocationChecker revocation = new RevocationChecker(RevocationSettings.inMemory().withCrlFiles(crlFiles),
                    Clock.systemUTC());
            X509ExtendedTrustManager ca = TrustAnchors.trustManager(TrustAnchors.read(clientCas), revocation);
            return TlsPolicy.context(new KeyManager[] {KeyManagers.pkcs12(keyStore, password)},
                    new TrustManager[] {pins.isEmpty() ? ca : new PinnedClientTrust(ca, pins)});
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS: cannot use " + keyStore + " with the client CAs in " + clientCas
                    + (crlFiles.isEmpty() ? "" : " and the CRLs " + crlFiles) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * A server engine for one connection from {@code peerAddress} (what the pins are checked against): the shared
     * policy's protocols and suites, a client certificate required.
     */
    SSLEngine engine(SSLContext context, String peerAddress, int peerPort) {
        SSLEngine engine = context.createSSLEngine(peerAddress, peerPort);
        engine.setUseClientMode(false);
        SSLParameters parameters = new TlsPolicy(allowTls12).apply(engine.getSSLParameters(), false);
        parameters.setNeedClientAuth(true);
        engine.setSSLParameters(parameters);
        return engine;
    }

    @Override
    public String toString() {
        return "TlsSettings[keyStore=" + keyStore + ", clientCas=" + clientCas + ", allowTls12=" + allowTls12
                + ", crlFiles=" + crlFiles + ", pins=" + pins + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TlsSettings t && t.keyStore.equals(keyStore) && t.clientCas.equals(clientCas)
                && t.allowTls12 == allowTls12 && t.crlFiles.equals(crlFiles) && t.pins.equals(pins) && java.security.MessageDigest.isEqual(
                        new String(t.password).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        new String(password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyStore, clientCas, allowTls12, crlFiles, pins);
    }
}
