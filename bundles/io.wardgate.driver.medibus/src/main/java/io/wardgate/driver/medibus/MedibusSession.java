package io.wardgate.driver.medibus;

import io.wardgate.api.Alarm;
import io.wardgate.api.DeviceEvent;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SessionOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's side of a MEDIBUS link, which is peer to peer: both sides send commands and each must
 * answer the other's (Protocol Definition rev. 4.03, "MEDIBUS-Life-Cycle"). The session sends ICC every
 * {@link #ICC_RETRY} until the device answers it or sends its own; asks for the device identification;
 * then polls, one command at a time, measured data code pages 1 and 2, the device settings and the
 * alarms of both code pages, a round every {@link #POLL}; after the first round it asks for the realtime
 * configuration and receives the first four curves offered ({@link Realtime}); while idle it sends NOP every
 * {@link #KEEP_ALIVE}. It answers every command of the device: ICC, NOP, STOP, "time changed" and
 * unknown commands with their echo, data requests with an echo and no data (the gateway measures
 * nothing), a device identification request with the gateway's own, and a corrupt command with NAK.
 * No byte for {@link #SILENCE}, or no answer within {@link #ANSWER_TIMEOUT}, and it starts over with ICC.
 *
 * <p>A value a response no longer carries is, by the protocol, no longer valid: the session reports it
 * once as UNAVAILABLE. Line noise: the checksum is an 8-bit sum, so a response must also echo the command
 * outstanding (one that does not is read with QUESTIONABLE), and the first response after any framing error
 * carries QUESTIONABLE on its readings.
 */
public final class MedibusSession implements ProtocolSession {
    static final Duration ICC_RETRY = Duration.ofSeconds(3);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(2);
    static final Duration POLL = Duration.ofSeconds(5);
    static final Duration SILENCE = Duration.ofSeconds(3);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    /** Sync commands get no answer: the enable command is repeated, as the definition recommends. */
    static final Duration ENABLE_REPEAT = Duration.ofSeconds(10);
    static final Duration SEGMENT = Duration.ofSeconds(1);
    /** What the gateway says it is when asked: an ID number Draeger has not assigned, its name, revisions. */
    static final String OWN_IDENTITY = "0000'WardGate'01.00:04.03";
    static final List<Integer> ROUND = List.of(MedibusFrames.MEASURED_CP1, MedibusFrames.MEASURED_CP2,
            MedibusFrames.SETTINGS, MedibusFrames.ALARMS_CP1, MedibusFrames.ALARMS_CP2);

    private enum RealtimeState {
        UNCONFIGURED,
        ASKED,
        RUNNING,
        NONE
    }

    private enum State {
        INITIALIZING,
        IDENTIFYING,
        ACTIVE
    }

    private final MedibusFramer framer = new MedibusFramer();
    private final MedibusAlarms alarms1 = new MedibusAlarms(1);
    private final MedibusAlarms alarms2 = new MedibusAlarms(2);
    private final Map<Integer, Set<Integer>> lastSeen = new HashMap<>();
    private State state = State.INITIALIZING;
    private int outstanding = -1;
    private Instant sentAt;
    private Instant lastReceived;
    private Instant nextRound;
    private int roundIndex;
    private boolean suspect;
    private final Realtime realtime = new Realtime();
    private RealtimeState realtimeState = RealtimeState.UNCONFIGURED;
    private Instant lastEnable;
    private Instant lastFlush;
    private long lastOffset;

    @Override
    public void start(Instant now, SessionOutput out) {
        framer.reset();
        lastOffset = 0;
        lastFlush = now;
        suspect = false;
        lastReceived = now;
        initialize(now, out);
    }

    @Override
    public void receive(byte[] bytes, int offset, int length, Instant now, SessionOutput out) {
        if (length > 0) {
            lastReceived = now;
        }
        lastOffset += length;
        framer.feed(bytes, offset, length, new MedibusFramer.Sink() {
            @Override
            public void message(MedibusMessage message) {
                if (message.command()) {
                    answer(message, now, out);
                } else {
                    response(message, now, out);
                }
            }

            @Override
            public void corruptCommand(long at, String reason) {
                suspect = true;
                out.decoded(new Decoded.FramingError(at, reason + "; answered NAK"));
                out.send(MedibusFrames.nak());
            }

            @Override
            public void error(long at, String reason) {
                suspect = true;
                out.decoded(new Decoded.FramingError(at, reason));
            }

            @Override
            public void realtime(long at, int b) {
                realtime.accept(b, problem -> {
                    out.decoded(new Decoded.FramingError(at, problem));
                });
                if (realtime.full()) {
                    flushRealtime(at, now, out);
                }
            }
        });
    }

    @Override
    public void tick(Instant now, SessionOutput out) {
        if (lastFlush == null || Duration.between(lastFlush, now).compareTo(SEGMENT) >= 0) {
            flushRealtime(lastOffset, now, out);
        }
        if (realtimeState == RealtimeState.RUNNING && Duration.between(lastEnable, now).compareTo(ENABLE_REPEAT) >= 0) {
            lastEnable = now;
            out.send(realtime.enableCommand());
        }
        if (state != State.INITIALIZING && Duration.between(lastReceived, now).compareTo(SILENCE) > 0) {
            initialize(now, out);
            return;
        }
        if (outstanding >= 0) {
            Duration limit = state == State.INITIALIZING ? ICC_RETRY : ANSWER_TIMEOUT;
            if (Duration.between(sentAt, now).compareTo(limit) > 0) {
                initialize(now, out);
            }
            return;
        }
        if (state == State.ACTIVE) {
            if (!now.isBefore(nextRound)) {
                nextRound = now.plus(POLL);
                roundIndex = 0;
                send(ROUND.get(roundIndex++), now, out);
            } else if (Duration.between(sentAt, now).compareTo(KEEP_ALIVE) >= 0) {
                send(MedibusFrames.NOP, now, out);
            }
        }
    }

    private void flushRealtime(long at, Instant now, SessionOutput out) {
        lastFlush = now;
        realtime.flush(now).forEach(segment -> out.decoded(new Decoded.ReadingDecoded(at, segment)));
    }

    private void initialize(Instant now, SessionOutput out) {
        state = State.INITIALIZING;
        realtimeState = RealtimeState.UNCONFIGURED;
        alarms1.reset();
        alarms2.reset();
        lastSeen.clear();
        send(MedibusFrames.ICC, now, out);
    }

    private void send(int code, Instant now, SessionOutput out) {
        send(code, "", now, out);
    }

    private void send(int code, String argument, Instant now, SessionOutput out) {
        outstanding = code;
        sentAt = now;
        out.send(MedibusFrames.command(code, argument));
    }

    private void identify(Instant now, SessionOutput out) {
        state = State.IDENTIFYING;
        send(MedibusFrames.DEVICE_ID, now, out);
    }

    /** The device's own command: always answered. */
    private void answer(MedibusMessage command, Instant now, SessionOutput out) {
        int code = command.code();
        switch (code) {
            case MedibusFrames.DEVICE_ID -> out.send(MedibusFrames.response(code, OWN_IDENTITY));
            default -> out.send(MedibusFrames.response(code, ""));
        }
        if (code == MedibusFrames.ICC) {
            // Communication is initialized by the device's ICC as well as by the answer to ours.
            alarms1.reset();
            alarms2.reset();
            identify(now, out);
        } else if (code == MedibusFrames.REALTIME_CHANGED) {
            realtimeState = RealtimeState.UNCONFIGURED;
        } else if (code == MedibusFrames.STOP) {
            out.decoded(new Decoded.EventDecoded(command.offset(), DeviceEvent.Kind.DISCONNECTED,
                    "the device stopped MEDIBUS communication; the gateway initializes it again"));
            state = State.INITIALIZING;
            outstanding = MedibusFrames.ICC;
            sentAt = now;
        }
    }

    private void response(MedibusMessage response, Instant now, SessionOutput out) {
        Set<StatusFlag> extra = suspect ? EnumSet.of(StatusFlag.QUESTIONABLE) : EnumSet.noneOf(StatusFlag.class);
        suspect = false;
        if (response.code() == MedibusFrames.NAK && outstanding >= 0) {
            send(outstanding, now, out);
            return;
        }
        if (response.code() != outstanding) {
            // A late answer, or a capture of another host's dialogue: the data is read, but it does not
            // answer the command outstanding, so nothing confirms it.
            extra.add(StatusFlag.QUESTIONABLE);
            readData(response, now, extra, out);
            return;
        }
        outstanding = -1;
        switch (response.code()) {
            case MedibusFrames.ICC -> identify(now, out);
            case MedibusFrames.DEVICE_ID -> identified(response, now, out);
            case MedibusFrames.REALTIME_CONFIG -> realtimeOffer(response, now, out);
            case MedibusFrames.CONFIGURE_REALTIME -> {
                realtimeState = RealtimeState.RUNNING;
                lastEnable = now;
                out.send(realtime.enableCommand());
            }
            default -> readData(response, now, extra, out);
        }
        if (state == State.ACTIVE && outstanding < 0 && roundIndex < ROUND.size()
                && ROUND.contains(response.code())) {
            send(ROUND.get(roundIndex++), now, out);
        } else if (state == State.ACTIVE && outstanding < 0 && realtimeState == RealtimeState.UNCONFIGURED
                && response.code() == ROUND.get(ROUND.size() - 1)) {
            realtimeState = RealtimeState.ASKED;
            send(MedibusFrames.REALTIME_CONFIG, now, out);
        }
    }

    /** The curves the device offers: the first four are configured at every sample. */
    private void realtimeOffer(MedibusMessage response, Instant now, SessionOutput out) {
        List<String> problems = new ArrayList<>();
        List<Realtime.Channel> offered = Realtime.channels(response.text(), problems);
        problems.forEach(p -> out.decoded(new Decoded.FramingError(response.offset(), p)));
        realtime.configure(offered);
        if (realtime.curves().isEmpty()) {
            realtimeState = RealtimeState.NONE;
            return;
        }
        send(MedibusFrames.CONFIGURE_REALTIME, realtime.configureArgument(), now, out);
    }

    /** The data of a measured-data, settings or alarm response; other answers carry nothing. */
    private void readData(MedibusMessage response, Instant now, Set<StatusFlag> extra, SessionOutput out) {
        switch (response.code()) {
            case MedibusFrames.MEASURED_CP1 -> values(response, MedibusCodes.PAGE_1, MedibusData.MEASURED_ITEM, now,
                    extra, out);
            case MedibusFrames.MEASURED_CP2 -> values(response, MedibusCodes.PAGE_2, MedibusData.MEASURED_ITEM, now,
                    extra, out);
            case MedibusFrames.SETTINGS -> values(response, MedibusCodes.SETTINGS, MedibusData.SETTING_ITEM, now,
                    extra, out);
            case MedibusFrames.ALARMS_CP1 -> alarms(response, alarms1, now, out);
            case MedibusFrames.ALARMS_CP2 -> alarms(response, alarms2, now, out);
            default -> {
                // NOP and other answers carry nothing.
            }
        }
    }

    private void identified(MedibusMessage response, Instant now, SessionOutput out) {
        MedibusData.identity(response.text()).ifPresentOrElse(id -> out.decoded(new Decoded.IdentityDecoded(
                response.offset(), id.name() + " (MEDIBUS id " + id.idNumber() + ", revision " + id.revision() + ")",
                "", "")), () -> out.decoded(new Decoded.FramingError(response.offset(),
                        "device identification not in the form NNNN'name'DD.DD:MM.MM")));
        state = State.ACTIVE;
        nextRound = now;
        roundIndex = ROUND.size();
        tick(now, out);
    }

    private void values(MedibusMessage response, int page, int width, Instant now, Set<StatusFlag> extra,
            SessionOutput out) {
        Set<Integer> seen = new HashSet<>();
        for (MedibusData.Item item : MedibusData.values(response.text(), width)) {
            if (item.problem() != null) {
                out.decoded(new Decoded.FramingError(response.offset(), item.problem()));
                continue;
            }
            seen.add(item.code());
            MedibusCodes.Term term = MedibusCodes.term(page, item.code());
            out.decoded(new Decoded.ReadingDecoded(response.offset(),
                    new Observation(term.metric(), term.unit(), item.value(), extra, null, now)));
        }
        List<Integer> gone = new ArrayList<>(lastSeen.getOrDefault(page, Set.of()));
        gone.removeAll(seen);
        for (int code : gone) {
            MedibusCodes.Term term = MedibusCodes.term(page, code);
            out.decoded(new Decoded.ReadingDecoded(response.offset(),
                    Observation.absent(term.metric(), term.unit(), EnumSet.of(StatusFlag.UNAVAILABLE), now)));
        }
        lastSeen.put(page, seen);
    }

    private void alarms(MedibusMessage response, MedibusAlarms tracker, Instant now, SessionOutput out) {
        List<String> problems = new ArrayList<>();
        List<MedibusData.Alarm> list = MedibusData.alarms(response.text(), problems);
        problems.forEach(p -> out.decoded(new Decoded.FramingError(response.offset(), p)));
        for (Alarm change : tracker.update(list, now)) {
            out.decoded(new Decoded.AlarmDecoded(response.offset(), change));
        }
    }
}
