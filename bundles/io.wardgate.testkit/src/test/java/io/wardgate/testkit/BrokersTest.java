package io.wardgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which broker a test gets: the property that forces the embedded fallback, so CI runs it beside mosquitto. */
class BrokersTest {
    @TempDir
    Path dir;
    private String before;
    private BrokerSetup setup;

    @BeforeEach
    void remember() {
        before = System.getProperty(Brokers.PROPERTY);
        setup = BrokerSetup.of(dir, TestPki.create("brokers test CA"));
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(Brokers.PROPERTY);
        } else {
            System.setProperty(Brokers.PROPERTY, before);
        }
    }

    @Test
    void embeddedOrHivemqForcesTheEmbeddedBrokerEvenWhereMosquittoIsInstalled() {
        for (String forced : new String[] {"embedded", "hivemq", "EMBEDDED"}) {
            System.setProperty(Brokers.PROPERTY, forced);
            try (MqttBroker broker = Brokers.create(setup)) {
                assertThat(broker.kind()).as(forced).isEqualTo("hivemq");
            }
        }
    }

    @Test
    void anUnknownChoiceIsAnErrorNotASilentDefault() {
        System.setProperty(Brokers.PROPERTY, "moskito");
        assertThatThrownBy(() -> Brokers.create(setup)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("moskito").hasMessageContaining("embedded");
    }

    @Test
    void withoutTheChoiceMosquittoIsTakenWhereInstalled() {
        System.clearProperty(Brokers.PROPERTY);
        if (!Brokers.mosquittoInstalled()) {
            RequiredTools.unavailable("mosquitto is not installed (Debian package mosquitto)");
        }
        try (MqttBroker broker = Brokers.create(setup)) {
            assertThat(broker.kind()).isEqualTo("mosquitto");
        }
    }
}
