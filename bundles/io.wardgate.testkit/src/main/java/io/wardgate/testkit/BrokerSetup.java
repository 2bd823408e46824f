package io.wardgate.testkit;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;

/**
 * How a test broker is set up.
 *
 * @param directory where its configuration, keys, data and log go (created if absent)
 * @param clientCa the CA whose client certificates the broker accepts
 * @param server the broker's own certificate and key (chain leaf first)
 * @param port the loopback port; 0 picks a free one
 * @param clientCrl revoked client certificates the broker refuses (mosquitto's crlfile), or null
 * @param maxInflight mosquitto's max_inflight_messages (also the Receive Maximum of its CONNACK); 0: its default
 * @param tls13Ciphers mosquitto's ciphers_tls1.3 (OpenSSL names, colon-separated); empty: OpenSSL's default
 */
public record BrokerSetup(Path directory, X509Certificate clientCa, Issued server, int port, X509CRL clientCrl,
        int maxInflight, String tls13Ciphers) {

    public BrokerSetup(Path directory, X509Certificate clientCa, Issued server, int port, X509CRL clientCrl) {
        this(directory, clientCa, server, port, clientCrl, 0, "");
    }

    public BrokerSetup(Path directory, X509Certificate clientCa, Issued server, int port, X509CRL clientCrl,
            int maxInflight) {
        this(directory, clientCa, server, port, clientCrl, maxInflight, "");
    }

    /** A broker trusting {@code pki}'s clients, with a fresh server certificate for localhost from the same CA. */
    public static BrokerSetup of(Path directory, TestPki pki) {
        return new BrokerSetup(directory, pki.caCertificate(), pki.server("broker"), 0, null);
    }

    public BrokerSetup withServer(Issued newServer) {
        return new BrokerSetup(directory, clientCa, newServer, port, clientCrl, maxInflight, tls13Ciphers);
    }

    /** The same broker refusing the client certificates {@code crl} lists (mosquitto only). */
    public BrokerSetup withClientCrl(X509CRL crl) {
        return new BrokerSetup(directory, clientCa, server, port, crl, maxInflight, tls13Ciphers);
    }

    /** The same broker letting each client have {@code messages} QoS 1/2 messages in flight (mosquitto only). */
    public BrokerSetup withMaxInflight(int messages) {
        return new BrokerSetup(directory, clientCa, server, port, clientCrl, messages, tls13Ciphers);
    }

    /**
     * The same broker allowing only {@code ciphers} in TLS 1.3 (mosquitto only), e.g. "TLS_AES_256_GCM_SHA384"
     * for a broker under a FIPS policy.
     */
    public BrokerSetup withTls13Ciphers(String ciphers) {
        return new BrokerSetup(directory, clientCa, server, port, clientCrl, maxInflight, ciphers);
    }
}
