package io.wardgate.shared.tls;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * What WardGate offers in a TLS handshake: TLS 1.3 with its three AEAD suites; TLS 1.2 only when
 * {@code allowTls12} is set, and then only ECDHE (forward secrecy) with AES-GCM or ChaCha20-Poly1305.
 * JSSE's defaults are never used: every socket and engine gets these lists explicitly.
 *
 * <p>In TLS 1.3 the server picks the suite, and OpenSSL-based brokers (mosquitto among them) pick by their own
 * order, AES-GCM first, whatever the client prefers. A client that wants ChaCha20-Poly1305 (several times cheaper
 * than AES-GCM where the JVM has no AES/carry-less multiply intrinsics, as on the appliance's C1-only JIT) can only
 * say so by offering it alone: {@link #chaCha20Only()}, with a fall-back to the full list for a broker that
 * refuses it (a FIPS policy allows only AES-GCM). Both are AEAD suites of RFC 8446; neither is weaker.
 *
 * @param allowTls12 also offer TLS 1.2 for peers without TLS 1.3
 * @param onlyChaCha20 offer only the ChaCha20-Poly1305 suites (of the versions offered)
 */
public record TlsPolicy(boolean allowTls12, boolean onlyChaCha20) {
    public static final String TLS13 = "TLSv1.3";
    public static final String TLS12 = "TLSv1.2";
    public static final List<String> TLS13_SUITES = List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256");
    /** TLS 1.2: ECDHE key exchange and authenticated encryption only (ECDSA keys first, RSA for hospital PKIs). */
    public static final List<String> TLS12_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /** All suites of the versions offered. */
    public TlsPolicy(boolean allowTls12) {
        this(allowTls12, false);
    }

    /** The same versions, offering only their ChaCha20-Poly1305 suites. */
    public TlsPolicy chaCha20Only() {
        return new TlsPolicy(allowTls12, true);
    }

    /** TLS 1.3 only: the default everywhere. */
    public static TlsPolicy strict() {
        return new TlsPolicy(false);
    }

    /** The protocol versions offered, newest first. */
    public List<String> protocols() {
        return allowTls12 ? List.of(TLS13, TLS12) : List.of(TLS13);
    }

    /** The cipher suites offered, in order of preference. */
    public List<String> cipherSuites() {
        List<String> suites = new ArrayList<>(TLS13_SUITES);
        if (allowTls12) {
            suites.addAll(TLS12_SUITES);
        }
        if (onlyChaCha20) {
            suites.removeIf(suite -> !suite.contains("_CHACHA20_POLY1305_"));
        }
        return List.copyOf(suites);
    }

    /**
     * Our protocols and suites on {@code parameters}; for a client also endpoint identification ("HTTPS":
     * the peer's certificate must name the host connected to).
     */
    public SSLParameters apply(SSLParameters parameters, boolean client) {
        parameters.setProtocols(protocols().toArray(String[]::new));
        parameters.setCipherSuites(cipherSuites().toArray(String[]::new));
        if (client) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        return parameters;
    }

    /** A context from our key and trust managers (an empty key array: no client certificate). */
    public static SSLContext context(KeyManager[] keys, TrustManager[] trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance(TLS13);
        context.init(keys, trust, new SecureRandom());
        return context;
    }

    /** A client socket factory whose every socket is set up by {@link #apply}. */
    public SSLSocketFactory clientSocketFactory(SSLContext context) {
        return new HardenedSocketFactory(context.getSocketFactory(), this);
    }
}
