package io.wardgate.driver.intellivue.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.driver.intellivue.FrameDecoder;
import io.wardgate.driver.intellivue.FrameEncoder;
import io.wardgate.driver.intellivue.FrameSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated monitor on its own: what it sends for what the host sends. */
class IntelliVueMonitorTest {
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    /** The start of an association request: only the session type byte matters to the simulator. */
    private static final byte[] ASSOCIATION_REQUEST = HexFormat.of().parseHex("0D00");

    private final IntelliVueMonitor monitor = new IntelliVueMonitor(MonitorSettings.mp70("SN1", 1));
    private final List<byte[]> wire = new ArrayList<>();
    private final List<byte[]> frames = new ArrayList<>();
    private final FrameDecoder decoder = new FrameDecoder(4096);

    private List<byte[]> framesSent() {
        for (byte[] bytes : wire) {
            decoder.feed(bytes, 0, bytes.length, new FrameSink() {
                @Override
                public void frame(long offset, byte[] userData) {
                    frames.add(userData);
                }

                @Override
                public void error(long offset, String reason) {
                    throw new AssertionError("the monitor sent a bad frame: " + reason);
                }
            });
        }
        wire.clear();
        return frames;
    }

    private void associate() {
        monitor.fromHost(FrameEncoder.frame(ASSOCIATION_REQUEST), T0, wire::add);
    }

    @Test
    void answersAnAssociationWithResultAndMdsCreateEvent() {
        associate();
        assertThat(framesSent()).hasSize(2);
        assertThat(frames.get(0)[0]).isEqualTo((byte) 0x0E); // association result
        assertThat(HexFormat.of().formatHex(frames.get(1), 0, 6)).isEqualTo("e10000020001"); // data PDU, ROIV
        assertThat(monitor.isAssociated()).isTrue();
        assertThat(monitor.associationCount()).isEqualTo(1);
    }

    @Test
    void dropsAnAssociationTheHostIsSilentOn() {
        associate();
        framesSent().clear();
        monitor.tick(T0.plus(Duration.ofSeconds(9)), wire::add);
        assertThat(framesSent()).isEmpty();
        monitor.tick(T0.plus(Duration.ofSeconds(10)), wire::add);
        assertThat(framesSent()).singleElement().satisfies(abort -> assertThat(abort[0]).isEqualTo((byte) 0x19));
        assertThat(monitor.isAssociated()).isFalse();
    }

    @Test
    void silentMonitorNeitherAnswersNorTimesOut() {
        monitor.goSilent(true);
        associate();
        monitor.tick(T0.plusSeconds(30), wire::add);
        assertThat(wire).isEmpty();
        assertThat(monitor.associationCount()).isZero();
    }

    @Test
    void sendsTheGarbageItIsToldTo() {
        monitor.sendGarbage(1234);
        monitor.tick(T0, wire::add);
        assertThat(wire).singleElement().satisfies(bytes -> assertThat(bytes).hasSize(1234));
        assertThatThrownBy(() -> monitor.sendGarbage(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new MonitorSettings("", "SN", "0009FB000001", 1, Duration.ofSeconds(10)))
                .hasMessageContaining("model");
        assertThatThrownBy(() -> new MonitorSettings("MP70", "SN", "XYZ", 1, Duration.ofSeconds(10)))
                .hasMessageContaining("systemId");
        assertThatThrownBy(() -> new MonitorSettings("MP70", "SN", "0009FB000001", 1, Duration.ZERO))
                .hasMessageContaining("associationTimeout");
    }
}
