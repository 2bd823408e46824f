package io.wardgate.driver.hl7.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.Peer;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SessionOutput;
import io.wardgate.driver.hl7.Hl7Driver;
import io.wardgate.sim.Conversation;
import io.wardgate.sim.Discovered;
import io.wardgate.sim.RecordingOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated PCD-01 monitor against the real session, in memory. */
class Pcd01MonitorTest {
    private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void itIsFoundByProtocolAndTheSessionReadsItsMessagesWithoutErrors() {
        ProtocolSession session = new Hl7Driver().openSession(new Peer("192.0.2.17", 40000));
        Conversation conversation = Conversation.run(session, Discovered.simulator("hl7", 7).orElseThrow(), START,
                Duration.ofSeconds(10), Duration.ofMillis(100));

        List<Decoded> decoded = conversation.decoded();
        assertThat(decoded).noneMatch(d -> d instanceof Decoded.FramingError);
        assertThat(decoded).filteredOn(d -> d instanceof Decoded.ReadingDecoded).hasSizeGreaterThanOrEqualTo(50);
        assertThat(decoded).filteredOn(d -> d instanceof Decoded.IdentityDecoded).singleElement()
                .satisfies(d -> assertThat(((Decoded.IdentityDecoded) d).eui64()).matches("[0-9A-F]{16}"));
        assertThat(conversation.capture()[0]).isEqualTo((byte) 0x0B);
    }

    @Test
    void itReadsTheAcknowledgementsAndRaisesALimitAlarmOnDemand() {
        Pcd01Monitor monitor = new Pcd01Monitor(3);
        ProtocolSession session = new Hl7Driver().openSession(new Peer("192.0.2.17", 40000));
        RecordingOutput recorded = new RecordingOutput();
        boolean[] admit = {false};
        List<byte[]> toMonitor = new ArrayList<>();
        SessionOutput out = new SessionOutput() {
            @Override
            public void decoded(Decoded item) {
                recorded.decoded(item);
            }

            @Override
            public void send(byte[] bytes) {
                toMonitor.add(bytes);
            }

            @Override
            public boolean admitted() {
                return admit[0];
            }
        };
        session.start(START, out);
        Instant now = START;
        for (int second = 0; second < 6; second++, now = now.plusSeconds(1)) {
            admit[0] = second >= 2; // approved by the operator after two messages
            monitor.desaturate(second == 5);
            Instant at = now;
            monitor.tick(at, bytes -> session.receive(bytes, 0, bytes.length, at, out));
            toMonitor.forEach(b -> monitor.fromHost(b, at, x -> { }));
            toMonitor.clear();
        }
        assertThat(monitor.refused()).isEqualTo(2);
        assertThat(monitor.accepted()).isEqualTo(4);
        List<Observation> spo2 = recorded.observations().stream()
                .filter(o -> o.metric().referenceId().equals("MDC_PULS_OXIM_SAT_O2")).toList();
        assertThat(spo2).hasSize(6);
        assertThat(spo2.subList(0, 5)).allSatisfy(o -> {
            assertThat(o.value().toDouble()).isBetween(94.0, 99.0);
            assertThat(o.status()).isEmpty();
        });
        assertThat(spo2.get(5).value().toString()).isEqualTo("84");
        assertThat(spo2.get(5).status()).containsExactly(StatusFlag.IN_ALARM);
        assertThat(recorded.observations()).anyMatch(o -> o.metric().referenceId().equals("MDC_PRESS_BLD_NONINV_SYS"));
    }
}
