package io.wardgate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.protocol.Decoded;
import io.wardgate.protocol.Protocols;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every registered simulator talks to the session of its protocol and yields readings. */
class ConversationTest {
    private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void everySimulatorProducesReadingsThroughItsSession() {
        assertThat(Simulators.protocols()).isNotEmpty();
        for (String protocol : Simulators.protocols()) {
            Conversation conversation = Conversation.run(Protocols.open(protocol).orElseThrow(),
                    Simulators.forProtocol(protocol, 42).orElseThrow(), START, Duration.ofSeconds(10),
                    Duration.ofMillis(10));
            assertThat(conversation.capture()).as(protocol + " capture").isNotEmpty();
            assertThat(conversation.decoded()).as(protocol + " readings")
                    .anyMatch(d -> d instanceof Decoded.ReadingDecoded);
            assertThat(conversation.decoded()).as(protocol + " framing errors")
                    .noneMatch(d -> d instanceof Decoded.FramingError);
        }
    }

    @Test
    void everySimulatorHasASession() {
        assertThat(Protocols.names()).containsAll(Simulators.protocols());
    }
}
