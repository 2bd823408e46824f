package io.wardgate.driver.medibus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.driver.Decoded;
import io.wardgate.driver.medibus.MedibusSession;
import io.wardgate.sim.Conversation;
import io.wardgate.sim.RecordingOutput;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The simulated ventilator against the gateway's real session, in memory. */
class MedibusVentilatorTest {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:00Z");
    private static final Duration STEP = Duration.ofMillis(10);

    private static List<Observation> observations(List<Decoded> items) {
        return items.stream().filter(i -> i instanceof Decoded.ReadingDecoded r && r.reading() instanceof Observation)
                .map(i -> (Observation) ((Decoded.ReadingDecoded) i).reading()).toList();
    }

    @Test
    void aVentilatedPatientWithoutErrors() {
        Conversation c = Conversation.run(new MedibusSession(), new MedibusVentilator(3), T0, Duration.ofSeconds(30), STEP);
        assertThat(c.decoded()).noneMatch(Decoded.FramingError.class::isInstance);
        assertThat(c.decoded()).anyMatch(d -> d instanceof Decoded.IdentityDecoded i && i.model().startsWith("Evita 4"));
        List<Observation> obs = observations(c.decoded());
        assertThat(obs).extracting(o -> o.metric().referenceId()).contains("MDC_PULS_OXIM_SAT_O2",
                "MDC_PULS_OXIM_PULS_RATE", "MDC_CONC_AWAY_CO2_ET", "MDC_RESP_RATE", "MDC_PRESS_AWAY_INSP_MAX",
                "MDC_PRIV_WARDGATE_MEDIBUS_SET_0B");
        assertThat(obs).filteredOn(o -> o.metric().referenceId().equals("MDC_CONC_AWAY_CO2_ET"))
                .hasSizeGreaterThanOrEqualTo(5).allSatisfy(o -> assertThat(o.value().toDouble()).isBetween(30.0, 45.0));
        assertThat(obs).allSatisfy(o -> assertThat(o.status()).isEmpty());
        List<io.wardgate.api.WaveformSegment> waves = c.decoded().stream()
                .filter(i -> i instanceof Decoded.ReadingDecoded r && r.reading() instanceof io.wardgate.api.WaveformSegment)
                .map(i -> (io.wardgate.api.WaveformSegment) ((Decoded.ReadingDecoded) i).reading()).toList();
        int pressureSamples = waves.stream().filter(w -> w.metric().referenceId().equals("MDC_PRESS_AWAY"))
                .mapToInt(io.wardgate.api.WaveformSegment::sampleCount).sum();
        // Realtime starts after the first round (about 1 s in): 62.5 samples/s for the rest of the 30 s.
        assertThat(pressureSamples).isBetween(62 * 25, 63 * 30);
        assertThat(waves).allSatisfy(w -> assertThat(w.scale().physical(w.sample(0)).doubleValue()).isBetween(-10.0, 100.0));
    }

    @Test
    void alarmsOnDemandBecomeTypedAlarms() {
        MedibusVentilator ventilator = new MedibusVentilator(3);
        ventilator.raise(30, 0x10, "PAW HIGH");
        Conversation first = Conversation.run(new MedibusSession(), ventilator, T0, Duration.ofSeconds(8), STEP);
        assertThat(first.decoded()).filteredOn(Decoded.AlarmDecoded.class::isInstance)
                .extracting(d -> ((Decoded.AlarmDecoded) d).alarm())
                .extracting(a -> a.code() + " " + a.priority() + " " + a.state() + " " + a.text())
                .containsExactly("medibus:CP1-10 HIGH ACTIVE PAW HIGH");
    }

    @Test
    void silentGarbageAndDropModes() {
        MedibusVentilator silent = new MedibusVentilator(3);
        silent.mode(MedibusVentilator.Mode.SILENT);
        assertThat(Conversation.run(new MedibusSession(), silent, T0, Duration.ofSeconds(10), STEP).decoded()).isEmpty();

        MedibusVentilator garbage = new MedibusVentilator(3);
        garbage.mode(MedibusVentilator.Mode.GARBAGE);
        Conversation g = Conversation.run(new MedibusSession(), garbage, T0, Duration.ofSeconds(10), STEP);
        assertThat(g.decoded()).anyMatch(Decoded.FramingError.class::isInstance)
                .noneMatch(Decoded.ReadingDecoded.class::isInstance);

        MedibusVentilator drop = new MedibusVentilator(3);
        drop.mode(MedibusVentilator.Mode.DROP);
        Conversation d = Conversation.run(new MedibusSession(), drop, T0, Duration.ofSeconds(60), STEP);
        assertThat(d.decoded()).anyMatch(Decoded.FramingError.class::isInstance);
        assertThat(observations(d.decoded())).isNotEmpty();
    }

    /**
     * Issue #17 item 4: seeded noise bursts between the messages of a capture (replayed through a session
     * that believes every command outstanding, as the decode tool does not); every reading decoded from the
     * noisy line was sent, and a reading right after a burst carries QUESTIONABLE.
     */
    @Test
    void noiseBetweenMessagesNeverBecomesAReading() {
        Conversation clean = Conversation.run(new MedibusSession(), new MedibusVentilator(5), T0, Duration.ofSeconds(60),
                STEP);
        Set<String> sent = observations(clean.decoded()).stream().map(o -> o.metric().referenceId() + "=" + o.value())
                .collect(Collectors.toSet());
        // Replay against a live ventilator twin so every response has its command outstanding.
        MedibusVentilator ventilator = new MedibusVentilator(5);
        MedibusSession session = new MedibusSession();
        RecordingOutput out = new RecordingOutput();
        SplittableRandom random = new SplittableRandom(17);
        session.start(T0, out);
        int bursts = 0;
        for (Instant now = T0; now.isBefore(T0.plusSeconds(60)); now = now.plus(STEP)) {
            List<byte[]> toDevice = new ArrayList<>(out.sent());
            out.sent().clear();
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (byte[] b : toDevice) {
                ventilator.fromHost(b, now, wire::writeBytes);
            }
            ventilator.tick(now, wire::writeBytes);
            if (wire.size() > 0 && random.nextInt(3) == 0) {
                byte[] burst = new byte[random.nextInt(1, 40)];
                for (int i = 0; i < burst.length; i++) {
                    burst[i] = (byte) (random.nextInt(8) == 0 ? (random.nextBoolean() ? 0x01 : 0x0D) : random.nextInt(0x20, 0x7F));
                }
                session.receive(burst, 0, burst.length, now, out);
                bursts++;
            }
            byte[] bytes = wire.toByteArray();
            session.receive(bytes, 0, bytes.length, now, out);
            session.tick(now, out);
        }
        assertThat(bursts).isGreaterThan(20);
        assertThat(out.observations()).isNotEmpty();
        assertThat(out.observations()).allSatisfy(o -> assertThat(sent).as("never sent: " + o)
                .contains(o.metric().referenceId() + "=" + o.value()));
        assertThat(out.observations()).anyMatch(o -> o.status().contains(StatusFlag.QUESTIONABLE));
    }
}
