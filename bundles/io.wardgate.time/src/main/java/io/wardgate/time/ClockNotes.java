package io.wardgate.time;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.time.ClockNote;
import io.wardgate.api.time.ClockState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which clock notes ({@link ClockNote}) to seal, from successive observations of the clock
 * state with the wall and monotonic clocks read together. A step is the wall clock moving against the
 * monotonic clock between two observations; it happened somewhere between them, which is the
 * ambiguity window of the synchronisation note. Called from one thread (the clock schedule).
 */
final class ClockNotes {
    static final Duration STEP_TOLERANCE = Duration.ofSeconds(1);

    private boolean unverifiedSealed;
    private boolean haveLast;
    private long lastWallMillis;
    private long lastMonoNanos;
    /** The last step seen while unverified: old-timeline wall at the observation before it, the step, the window. */
    private long stepOldWall;
    private long stepMillis;
    private long stepWindowMillis;
    private boolean stepped;

    /** A new boot epoch began (the sealer came anew): the notes of the old epoch do not carry over. */
    void newEpoch() {
        unverifiedSealed = false;
        stepped = false;
    }

    /** The notes to seal after this observation, oldest first. */
    List<Alarm> observe(ClockState state, Instant wall, long monoNanos) {
        long wallMillis = wall.toEpochMilli();
        if (haveLast) {
            long windowMillis = Math.floorDiv(monoNanos - lastMonoNanos, 1_000_000L);
            long step = (wallMillis - lastWallMillis) - windowMillis;
            if (Math.abs(step) > STEP_TOLERANCE.toMillis() && unverifiedSealed) {
                if (stepped) {
                    // a second step before synchronisation: the old timeline is the one of the first note
                    stepMillis += step;
                    stepWindowMillis = Math.max(stepWindowMillis, windowMillis);
                } else {
                    stepOldWall = lastWallMillis;
                    stepMillis = step;
                    stepWindowMillis = windowMillis;
                    stepped = true;
                }
            }
        }
        haveLast = true;
        lastWallMillis = wallMillis;
        lastMonoNanos = monoNanos;

        List<Alarm> notes = new ArrayList<>(1);
        if (!state.synchronised() && !unverifiedSealed) {
            notes.add(new Alarm(null, ClockNote.UNVERIFIED,
                    "gateway clock not synchronised: times stamped in this epoch are unverified", AlarmPriority.INFO,
                    AlarmState.ACTIVE, null, wall));
            unverifiedSealed = true;
            stepped = false;
        } else if (state.synchronised() && unverifiedSealed) {
            Instant old = Instant.ofEpochMilli(stepped ? stepOldWall : wallMillis);
            Instant synced = old.plusMillis(stepped ? stepMillis : 0);
            long window = stepped ? stepWindowMillis : 0;
            notes.add(new Alarm(null, ClockNote.SYNCHRONISED + window,
                    "gateway clock synchronised (" + state.source() + "), stepped " + (stepped ? stepMillis : 0)
                            + " ms: earlier times of this epoch re-stamped", AlarmPriority.INFO, AlarmState.ENDED,
                    old, synced));
            unverifiedSealed = false;
            stepped = false;
        }
        return notes;
    }
}
