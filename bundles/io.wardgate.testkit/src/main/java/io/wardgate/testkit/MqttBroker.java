package io.wardgate.testkit;

/**
 * A real MQTT 5 broker on a loopback port with a TLS listener that requires client certificates.
 * It can be stopped and started again on the same port with its persisted sessions (outage tests).
 */
public interface MqttBroker extends AutoCloseable {

    /** "mosquitto" or "hivemq". */
    String kind();

    int port();

    /** The URL a client connects to, "ssl://localhost:&lt;port&gt;". */
    default String url() {
        return "ssl://localhost:" + port();
    }

    void start();

    /** Stops it gracefully (persisting sessions). */
    void stop();

    boolean isRunning();

    /** What the broker logged so far (for a failing test's message). */
    String log();

    /**
     * How many connections the broker admitted so far with a client certificate whose CN is
     * {@code commonName} (read from its log; the same answer from either broker).
     */
    int admittedConnections(String commonName);

    @Override
    void close();
}
