package io.wardgate.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Picks the broker for a test: Debian's mosquitto when installed, else HiveMQ CE embedded so a fresh
 * machine still runs the suite. With CI=true a missing mosquitto is an error (CI installs it).
 * {@code -Dwardgate.test.broker=embedded} (or {@code hivemq}) forces the embedded fallback even where
 * mosquitto is installed, so CI exercises it; {@code mosquitto} forces Debian's broker.
 */
public final class Brokers {
    /** Where Debian's package puts the broker. */
    public static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
    /** The system property that forces a broker: embedded (or hivemq), or mosquitto. */
    public static final String PROPERTY = "wardgate.test.broker";

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
        String forced = System.getProperty(PROPERTY, "").toLowerCase(Locale.ROOT);
        if (forced.equals("embedded") || forced.equals("hivemq")) {
            return embedded(setup);
        }
        if (!forced.isEmpty() && !forced.equals("mosquitto")) {
            throw new IllegalArgumentException(PROPERTY + "=" + forced + ": expected embedded, hivemq or mosquitto");
        }
        if (mosquittoInstalled()) {
            return new MosquittoBroker(setup);
        }
        if (forced.equals("mosquitto") || "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("mosquitto is not installed at " + MOSQUITTO
                    + " (CI installs it: apt-get install -y mosquitto)");
        }
        return embedded(setup);
    }

    private static MqttBroker embedded(BrokerSetup setup) {
        // HiveMQ is an optional dependency of this kit: say which class path lacks it, not NoClassDefFoundError.
        for (String needed : new String[] {"com.hivemq.embedded.EmbeddedHiveMQ", "com.hivemq.extension.sdk.api.ExtensionMain"}) {
            try {
                Class.forName(needed, false, Brokers.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the embedded broker (HiveMQ CE) is not on this class path (" + needed
                        + " missing): declare com.hivemq:hivemq-community-edition-embedded with test scope", e);
            }
        }
        return new HiveMqBroker(setup);
    }
}
