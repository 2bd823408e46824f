package io.wardgate.uplink;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the MQTT uplink, PID io.wardgate.uplink.Uplink. There is no default broker and no default trust. */
@ObjectClassDefinition(id = UplinkComponent.PID, name = "WardGate uplink",
        description = "MQTT v5 over mutual TLS to the hospital's brokers; the gateway's only way out.")
public @interface UplinkConfiguration {

    @AttributeDefinition(name = "Broker URLs",
            description = "Ordered failover list, ssl://host:port (port defaults to 8883). Plaintext URLs are refused.")
    String[] brokerUrls();

    @AttributeDefinition(name = "Site", description = "Topic level for the site: 1 to 64 letters, digits, '.', '_', '-'.")
    String site();

    @AttributeDefinition(name = "Ward", description = "Topic level for the ward: 1 to 64 letters, digits, '.', '_', '-'.")
    String ward();

    @AttributeDefinition(name = "Client id", description = "MQTT client id; empty: the gateway id.", required = false)
    String clientId() default "";

    @AttributeDefinition(name = "Trust anchors (PEM file)",
            description = "CA certificates the broker's certificate must chain to. The system trust store is never used.")
    String trustAnchorsPath();

    @AttributeDefinition(name = "CRL file (PEM or DER)", required = false,
            description = "Certificate revocation lists checked for the broker's chain; empty: no revocation check.")
    String crlPath() default "";

    @AttributeDefinition(name = "Allow TLS 1.2",
            description = "Also offer TLS 1.2 (ECDHE with AES-GCM or ChaCha20-Poly1305 only) for brokers without TLS 1.3.")
    boolean allowTls12() default false;

    @AttributeDefinition(name = "Keep-alive (seconds)", description = "MQTT keep-alive; 5 to 3600.", min = "5", max = "3600")
    int keepAliveSeconds() default 30;

    @AttributeDefinition(name = "Connect timeout (seconds)", description = "TCP + TLS + CONNACK; 1 to 300.", min = "1",
            max = "300")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(name = "In-flight window",
            description = "Most QoS 1 messages awaiting PUBACK (also capped by the broker's Receive Maximum); 1 to 1000.",
            min = "1", max = "1000")
    int inFlightWindow() default 16;

    @AttributeDefinition(name = "Reconnect backoff minimum (ms)", description = "First reconnect delay; 10 to 600000.",
            min = "10", max = "600000")
    long backoffMinMillis() default 1000;

    @AttributeDefinition(name = "Reconnect backoff maximum (ms)",
            description = "Longest reconnect delay (exponential with jitter up to here); 10 to 3600000.", min = "10",
            max = "3600000")
    long backoffMaxMillis() default 60_000;

    @AttributeDefinition(name = "Idle poll (ms)",
            description = "How often an idle uplink looks for new envelopes in the outbox (a newly sealed envelope waits up to this long); 10 to 5000.", min = "10",
            max = "5000")
    int idlePollMillis() default 20;
}
