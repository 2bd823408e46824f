package io.wardgate.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Picks the broker for a test: Debian's mosquitto when installed, else HiveMQ CE embedded so a fresh
 * machine still runs the suite. With CI=true a missing mosquitto is an error (CI installs it).
 * {@code -Dwardgate.test.broker=hivemq} (or {@code mosquitto}) forces one.
 */
public final class Brokers {
    /** Where Debian's package puts the broker. */
    public static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

    private Brokers() {
    }

    public static boolean mosquittoInstalled() {
        return Files.isExecutable(MOSQUITTO);
    }

    /** Starts the chosen broker. */
    public static MqttBroker start(BrokerSetup setup) {
        MqttBroker broker = create(setup);
        broker.start();
        return broker;
    }

    public static MqttBroker create(BrokerSetup setup) {
        String forced = System.getProperty("wardgate.test.broker", "").toLowerCase(Locale.ROOT);
        if (forced.equals("hivemq")) {
            return new HiveMqBroker(setup);
        }
        if (mosquittoInstalled()) {
            return new MosquittoBroker(setup);
        }
        if (forced.equals("mosquitto") || "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("mosquitto is not installed at " + MOSQUITTO
                    + " (CI installs it: apt-get install -y mosquitto)");
        }
        return new HiveMqBroker(setup);
    }
}
