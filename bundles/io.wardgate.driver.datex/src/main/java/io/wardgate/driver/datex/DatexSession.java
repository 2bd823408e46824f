package io.wardgate.driver.datex;

import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SessionOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The host side of the S/5 Computer Interface. The monitor sends nothing until asked: the session
 * requests the displayed values every {@link #DISPLAY_INTERVAL}, trying each DRI level in turn
 * ({@link DatexRequests#LEVELS}, one every {@link #RETRY}) until a record comes back. From the first
 * record on it speaks the monitor's own level and asks, once, for the 10 s trends, four waveforms
 * ({@link DatexWave}) and the alarm status in differential mode. The monitor stops waveforms by itself
 * after the handshake held it for 2 s, so a waveform request is repeated when none came for
 * {@link #WAVE_SILENCE}; after {@link #DATA_SILENCE} without physiological data the session starts over.
 *
 * <p>Line noise: the frames carry only an 8-bit sum. Records must also pass the header's structural
 * checks ({@link DatexRecord}); and the first record after any framing error (a resynchronisation) is
 * decoded with QUESTIONABLE on all its readings, since its start was found, not confirmed.
 */
public final class DatexSession implements ProtocolSession {
    static final Duration RETRY = Duration.ofSeconds(5);
    static final int DISPLAY_INTERVAL_SECONDS = 10;
    static final Duration DISPLAY_INTERVAL = Duration.ofSeconds(DISPLAY_INTERVAL_SECONDS);
    static final Duration DATA_SILENCE = DISPLAY_INTERVAL.multipliedBy(3);
    static final Duration WAVE_SILENCE = Duration.ofSeconds(5);

    private enum State {
        REQUESTING,
        STREAMING
    }

    private final DatexFramer framer = new DatexFramer();
    private final DatexAlarms alarms = new DatexAlarms();
    private State state = State.REQUESTING;
    private int attempt;
    private int level;
    private Instant nextRequest;
    private Instant lastData;
    private Instant lastWave;
    private boolean suspect;

    @Override
    public void start(Instant now, SessionOutput out) {
        framer.reset();
        alarms.reset();
        suspect = false;
        restart(now, out);
    }

    @Override
    public void receive(byte[] bytes, int offset, int length, Instant now, SessionOutput out) {
        framer.feed(bytes, offset, length, new DatexFramer.Sink() {
            @Override
            public void record(long at, byte[] record) {
                handle(at, record, now, out);
            }

            @Override
            public void error(long at, String reason) {
                suspect = true;
                out.decoded(new Decoded.FramingError(at, reason));
            }
        });
    }

    @Override
    public void tick(Instant now, SessionOutput out) {
        if (state == State.REQUESTING) {
            if (!now.isBefore(nextRequest)) {
                attempt++;
                requestDisplayed(now, out);
            }
            return;
        }
        if (Duration.between(lastData, now).compareTo(DATA_SILENCE) > 0) {
            restart(now, out);
        } else if (Duration.between(lastWave, now).compareTo(WAVE_SILENCE) > 0) {
            lastWave = now;
            send(out, DatexRequests.waveforms(level, DatexRequests.WAVE_START, DatexWave.requestTypes()));
        }
    }

    private void restart(Instant now, SessionOutput out) {
        state = State.REQUESTING;
        attempt = 0;
        requestDisplayed(now, out);
    }

    private void requestDisplayed(Instant now, SessionOutput out) {
        level = DatexRequests.LEVELS.get(attempt % DatexRequests.LEVELS.size());
        nextRequest = now.plus(RETRY);
        send(out, DatexRequests.physiological(level, DatexRequests.DISPLAYED, DISPLAY_INTERVAL_SECONDS,
                DatexRequests.CLASS_BASIC));
    }

    private void handle(long offset, byte[] bytes, Instant now, SessionOutput out) {
        DatexRecord record;
        try {
            record = DatexRecord.parse(bytes);
        } catch (DatexRecord.Malformed e) {
            suspect = true;
            out.decoded(new Decoded.FramingError(offset, e.getMessage()));
            return;
        }
        Set<StatusFlag> extra = suspect ? EnumSet.of(StatusFlag.QUESTIONABLE) : EnumSet.noneOf(StatusFlag.class);
        suspect = false;
        if (state == State.REQUESTING) {
            answered(offset, record, now, out);
        }
        switch (record.mainType()) {
            case DatexRecord.MAIN_PHDB -> physiological(offset, record, now, extra, out);
            case DatexRecord.MAIN_WAVE -> {
                lastWave = now;
                WaveDecoder.Result result = WaveDecoder.decode(record, now, extra);
                result.segments().forEach(s -> out.decoded(new Decoded.ReadingDecoded(offset, s)));
                result.problems().forEach(p -> out.decoded(new Decoded.FramingError(offset, p)));
            }
            default -> alarmStatus(offset, record, now, out);
        }
    }

    /** The monitor answered: use its level from now on and ask for the rest once. */
    private void answered(long offset, DatexRecord record, Instant now, SessionOutput out) {
        state = State.STREAMING;
        lastData = now;
        lastWave = now;
        if (DatexRequests.LEVELS.contains(record.level())) {
            level = record.level();
        }
        out.decoded(new Decoded.IdentityDecoded(offset, "Datex-Ohmeda S/5 DRI level " + record.level(), "", ""));
        send(out, DatexRequests.physiological(level, DatexRequests.TREND_10S, DISPLAY_INTERVAL_SECONDS,
                DatexRequests.CLASS_BASIC));
        send(out, DatexRequests.waveforms(level, DatexRequests.WAVE_START, DatexWave.requestTypes()));
        send(out, DatexRequests.alarms(level, DatexRequests.ALARM_ENTER_DIFFMODE));
    }

    private void physiological(long offset, DatexRecord record, Instant now, Set<StatusFlag> extra,
            SessionOutput out) {
        for (DatexRecord.Subrecord subrecord : record.subrecords()) {
            int type = subrecord.type();
            if (type != DatexRequests.DISPLAYED && type != DatexRequests.TREND_10S && type != DatexRequests.TREND_60S) {
                continue;
            }
            lastData = now;
            PhysiologicalDecoder.Result result = PhysiologicalDecoder.decode(subrecord.data(), record.time(), now);
            if (result.problem() != null) {
                out.decoded(new Decoded.FramingError(offset, result.problem()));
            }
            for (Observation observation : result.observations()) {
                out.decoded(new Decoded.ReadingDecoded(offset, withExtra(observation, extra)));
            }
        }
    }

    private void alarmStatus(long offset, DatexRecord record, Instant now, SessionOutput out) {
        for (DatexRecord.Subrecord subrecord : record.subrecords()) {
            if (subrecord.type() != 1) {
                continue;
            }
            if (!DatexAlarms.fits(subrecord.data())) {
                out.decoded(new Decoded.FramingError(offset, "alarm status subrecord too short"));
                continue;
            }
            for (DatexAlarms.Change change : alarms.update(subrecord.data())) {
                out.decoded(new Decoded.AlarmDecoded(offset, change.toAlarm(record.time(), now)));
            }
        }
    }

    private static Observation withExtra(Observation observation, Set<StatusFlag> extra) {
        if (extra.isEmpty()) {
            return observation;
        }
        Set<StatusFlag> status = EnumSet.noneOf(StatusFlag.class);
        status.addAll(observation.status());
        status.addAll(extra);
        return observation.withStatus(status);
    }

    private static void send(SessionOutput out, byte[] record) {
        out.send(DatexFrames.frame(record));
    }
}
