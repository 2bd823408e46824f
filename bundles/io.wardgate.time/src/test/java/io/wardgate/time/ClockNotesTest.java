package io.wardgate.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmState;
import io.wardgate.api.time.ClockNote;
import io.wardgate.api.time.ClockState;
import io.wardgate.api.time.Synchronisation;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 22 item 2: what the gateway says about its clock, for a receiver to re-stamp or flag readings. */
class ClockNotesTest {
    private static final Instant REAL = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final ClockNotes notes = new ClockNotes();
    private long mono = 7_000_000_000L;

    private static ClockState state(Synchronisation synchronisation) {
        return new ClockState(synchronisation, "chrony", null, false, Instant.EPOCH, "test");
    }

    private List<Alarm> observe(Synchronisation synchronisation, Instant wall) {
        return notes.observe(state(synchronisation), wall, mono);
    }

    @Test
    void bootAt1970ThenAForwardStepGivesTheMappingBetweenTheTimelines() {
        Instant boot = Instant.EPOCH.plusSeconds(20);
        List<Alarm> first = observe(Synchronisation.UNSYNCHRONISED, boot);
        assertThat(first).singleElement().satisfies(a -> {
            assertThat(a.code()).isEqualTo(ClockNote.UNVERIFIED);
            assertThat(a.state()).isEqualTo(AlarmState.ACTIVE);
            assertThat(a.gatewayTime()).isEqualTo(boot);
        });
        mono += Duration.ofSeconds(10).toNanos();
        assertThat(observe(Synchronisation.UNSYNCHRONISED, boot.plusSeconds(10))).isEmpty();
        // NTP steps the clock to the real time somewhere in the next 10 s and synchronises
        mono += Duration.ofSeconds(10).toNanos();
        List<Alarm> synced = observe(Synchronisation.SYNCHRONISED, REAL);
        assertThat(synced).singleElement().satisfies(a -> {
            assertThat(a.code()).isEqualTo(ClockNote.SYNCHRONISED + "10000");
            assertThat(a.state()).isEqualTo(AlarmState.ENDED);
            assertThat(a.deviceTime()).as("old timeline, at the observation before the step")
                    .isEqualTo(boot.plusSeconds(10));
            assertThat(a.gatewayTime()).as("the same moment on the synchronised clock").isEqualTo(REAL.minusSeconds(10));
        });
        mono += Duration.ofSeconds(10).toNanos();
        assertThat(observe(Synchronisation.SYNCHRONISED, REAL.plusSeconds(10))).as("said once").isEmpty();
    }

    @Test
    void aBackwardStepOfHoursIsNotedTheSameWay() {
        Instant ahead = REAL.plus(Duration.ofHours(3));
        observe(Synchronisation.UNSYNCHRONISED, ahead);
        mono += Duration.ofSeconds(10).toNanos();
        List<Alarm> synced = observe(Synchronisation.SYNCHRONISED, REAL.plusSeconds(10));
        assertThat(synced).singleElement().satisfies(a -> assertThat(Duration.between(a.deviceTime(), a.gatewayTime()))
                .isEqualTo(Duration.ofHours(-3)));
    }

    @Test
    void aClockThatSynchronisesWithoutAStepConfirmsTheTimesAsStamped() {
        observe(Synchronisation.UNSYNCHRONISED, REAL);
        mono += Duration.ofSeconds(10).toNanos();
        List<Alarm> synced = observe(Synchronisation.SYNCHRONISED, REAL.plusSeconds(10));
        assertThat(synced).singleElement().satisfies(a -> {
            assertThat(a.code()).isEqualTo(ClockNote.SYNCHRONISED + "0");
            assertThat(a.deviceTime()).isEqualTo(a.gatewayTime()).isEqualTo(REAL.plusSeconds(10));
        });
    }

    @Test
    void aSynchronisedClockSaysNothingAndANewEpochStartsAfresh() {
        assertThat(observe(Synchronisation.SYNCHRONISED, REAL)).isEmpty();
        observe(Synchronisation.UNSYNCHRONISED, REAL.plusSeconds(10));
        notes.newEpoch();
        assertThat(observe(Synchronisation.UNSYNCHRONISED, REAL.plusSeconds(20))).as("the new epoch is told too")
                .singleElement().satisfies(a -> assertThat(a.code()).isEqualTo(ClockNote.UNVERIFIED));
    }
}
