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
            description = "Certificate revocation lists installed by hand, checked in addition to the CRL "
                    + "distribution points and OCSP responders the certificates name; empty: none.")
    String crlPath() default "";

    @AttributeDefinition(name = "Check certificate revocation",
            description = "Check the broker's certificates against the CRLs and OCSP responders they name (fail "
                    + "closed after the grace period). Turning this off is recorded in the audit trail at every start.")
    boolean revocationCheck() default true;

    @AttributeDefinition(name = "Revocation grace period (hours)", min = "0", max = "168",
            description = "How long past its next update a cached CRL still counts while no fresh one can be "
                    + "fetched; then the broker is refused. 0 to 168.")
    int revocationGraceHours() default 24;

    @AttributeDefinition(name = "CRL cache directory",
            description = "Where fetched CRLs are kept; absolute or relative to the data directory.")
    String crlCachePath() default "crl-cache/uplink";

    @AttributeDefinition(name = "Allow TLS 1.2",
            description = "Also offer TLS 1.2 (ECDHE with AES-GCM or ChaCha20-Poly1305 only) for brokers without TLS 1.3.")
    boolean allowTls12() default false;

    @AttributeDefinition(name = "Keep-alive (seconds)", description = "MQTT keep-alive; 5 to 3600.", min = "5", max = "3600")
    int keepAliveSeconds() default 30;

    @AttributeDefinition(name = "Connect timeout (seconds)", description = "TCP + TLS + CONNACK; 1 to 300.", min = "1",
            max = "300")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(name = "In-flight window",
            description = "Most QoS 1 messages awaiting PUBACK; the broker's Receive Maximum (CONNACK) decides below"
                    + " this bound (Mosquitto: max_inflight_messages, default 20); 1 to 1000.",
            min = "1", max = "1000")
    int inFlightWindow() default UplinkSettings.DEFAULT_WINDOW;

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

    @AttributeDefinition(name = "Reconnect probe (ms)",
            description = "While waiting to reconnect, how often a broker that refused TCP is probed (TCP only, no "
                    + "TLS); when its port opens the uplink connects at once instead of waiting out the backoff. "
                    + "0: off; 100 to 60000.", min = "0", max = "60000")
    long reconnectProbeMillis() default 1000;

    @AttributeDefinition(name = "Primary broker check (seconds)",
            description = "On a later broker of the failover list, how often the uplink checks whether an earlier "
                    + "one is back; it then moves there after the messages in flight are acknowledged. 1 to 3600.",
            min = "1", max = "3600")
    int primaryCheckSeconds() default 30;

    @AttributeDefinition(name = "Wait for the clock (minutes)",
            description = "While the gateway clock is not synchronised (a board without a real-time clock, before NTP "
                    + "answers), reading envelopes stay in the outbox for at most this long after the uplink starts, so "
                    + "that the clock note re-stamping them reaches the backend first; after that they go out and the "
                    + "receiver flags their times TIME_UNVERIFIED. Alarms never wait. Default 5: NTP (chrony steps at start) "
                    + "answers within seconds when it is reachable, and ward data must not wait long for it. 0: never wait; up to 10080.",
            min = "0", max = "10080")
    int clockWaitMinutes() default 5;
}
