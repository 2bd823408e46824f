package io.wardgate.network;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The CA's verdict first (path, validity, revocation), then the {@link ClientPins}: a certificate of the right
 * CA from the wrong address fails the handshake, before a byte of HL7 is read.
 */
final class PinnedClientTrust extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager ca;
    private final ClientPins pins;

    PinnedClientTrust(X509ExtendedTrustManager ca, ClientPins pins) {
        this.ca = ca;
        this.pins = pins;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        ca.checkClientTrusted(chain, authType, engine);
        pinned(chain, engine.getPeerHost());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        ca.checkClientTrusted(chain, authType, socket);
        pinned(chain, socket.getInetAddress().getHostAddress());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        ca.checkClientTrusted(chain, authType);
        pinned(chain, null);
    }

    private void pinned(X509Certificate[] chain, String address) throws CertificateException {
        if (address == null) {
            throw new CertificateException("client certificate pins need the sender's address, which is unknown");
        }
        String refusal = pins.refusal(address, chain[0]);
        if (refusal != null) {
            throw new CertificateException(refusal);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a source's listener trusts clients only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a source's listener trusts clients only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a source's listener trusts clients only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return ca.getAcceptedIssuers();
    }
}
