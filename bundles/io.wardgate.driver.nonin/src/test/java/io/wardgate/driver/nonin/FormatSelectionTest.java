package io.wardgate.driver.nonin;

import static io.wardgate.driver.nonin.NoninBytes.concat;
import static io.wardgate.driver.nonin.NoninBytes.df8;
import static io.wardgate.driver.nonin.NoninBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.DeviceEvent;
import io.wardgate.sim.RecordingOutput;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** device-protocols.md line 90: "Select format: `02 70 02 02 <fmt> 03`; ACK 0x06, NAK 0x15." */
class FormatSelectionTest {
    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");
    private static final byte[] SELECT_DF8 = hex("02 70 02 02 08 03");

    private final NoninSession session = (NoninSession) new NoninDrivers.Df8Driver().openSession();
    private final RecordingOutput out = new RecordingOutput();

    @Test
    void commandBytesFollowTheSpecification() {
        assertThat(FormatSelect.command(DataFormat.DF8)).isEqualTo(SELECT_DF8);
        assertThat(FormatSelect.command(DataFormat.DF7)).isEqualTo(hex("02 70 02 02 07 03"));
    }

    @Test
    void withoutAnAnswerTheCommandIsResentEveryTwoSecondsThenTheSessionReportsSilence() {
        session.start(T0, out);
        for (int tenths = 1; tenths <= 150; tenths++) {
            session.tick(T0.plusMillis(100L * tenths), out);
        }

        assertThat(out.sent()).hasSize(FormatSelector.MAX_ATTEMPTS).allSatisfy(s -> assertThat(s).isEqualTo(SELECT_DF8));
        assertThat(out.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(DeviceEvent.Kind.SILENT);
            assertThat(e.detail()).contains("no answer");
        });
        assertThat(session.selection()).isEqualTo(FormatSelector.State.NO_ANSWER);
    }

    @Test
    void anAckEndsTheSelectionAndIsNotData() {
        session.start(T0, out);
        session.receive(hex("06"), 0, 1, T0.plusMillis(50), out);
        session.tick(T0.plusSeconds(5), out);

        assertThat(out.sent()).hasSize(1);
        assertThat(out.items()).isEmpty();
        assertThat(session.selection()).isEqualTo(FormatSelector.State.SELECTED);
    }

    @Test
    void aNakIsReportedOnceAndNotRetried() {
        session.start(T0, out);
        session.receive(hex("15"), 0, 1, T0.plusMillis(50), out);
        session.tick(T0.plusSeconds(5), out);

        assertThat(out.sent()).hasSize(1);
        assertThat(out.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(DeviceEvent.Kind.ALARM);
            assertThat(e.offset()).isZero();
            assertThat(e.detail()).contains("NAK");
        });
        assertThat(session.selection()).isEqualTo(FormatSelector.State.REFUSED);
    }

    @Test
    void framesOfTheFormatCountAsAnAnswer() {
        byte[] frames = concat(df8(0, 72, 98, 0), df8(0, 72, 98, 0));
        session.start(T0, out);
        session.receive(frames, 0, frames.length, T0.plusMillis(1500), out);
        session.tick(T0.plusSeconds(3), out);

        assertThat(out.sent()).hasSize(1);
        assertThat(session.selection()).isEqualTo(FormatSelector.State.SELECTED);
    }

    @Test
    void restartingSelectsAgainAndCountsOffsetsFromZero() {
        byte[] frames = concat(hex("06"), df8(0, 72, 98, 0), df8(0, 72, 98, 0));
        session.start(T0, out);
        session.receive(frames, 0, 7, T0, out);
        session.start(T0.plus(Duration.ofMinutes(1)), out);
        session.receive(frames, 0, frames.length, T0.plus(Duration.ofMinutes(1)), out);
        session.tick(T0.plus(Duration.ofMinutes(1)).plus(NoninSession.QUIET), out);

        assertThat(out.sent()).hasSize(2);
        assertThat(out.errors()).isEmpty();
        assertThat(out.readings()).extracting(d -> d.offset()).containsExactly(1L, 1L, 5L, 5L);
    }
}
