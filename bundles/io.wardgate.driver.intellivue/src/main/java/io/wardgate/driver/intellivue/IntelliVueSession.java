package io.wardgate.driver.intellivue;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;

import io.wardgate.api.Alarm;
import io.wardgate.api.DeviceEvent;
import io.wardgate.api.Observation;
import io.wardgate.api.WaveformSegment;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SessionOutput;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The host side of IntelliVue Data Export over MIB/RS232 (device-protocols.md lines 12-51):
 * association request, association result, MDS Create Event Report and its result, an MDS poll for
 * the identity, then extended polls of numerics, the alert monitor (with the numerics' period) and
 * waves; polls double as the keep-alive. Alert lists become typed alarm changes ({@link Alerts}). A lost
 * association (abort, release, refusal, silence, timeouts) leads to a new association request after a
 * backoff that doubles from {@link IntelliVueSettings#backoffMin()} to {@link IntelliVueSettings#backoffMax()}.
 *
 * <p>Time comes only from the method arguments; memory is bounded by the frame limit, the outbound
 * queue and the wave-object cache. Nothing thrown escapes: bad bytes and bad PDUs become
 * {@link Decoded.FramingError}s. One instance serves one line and is not thread-safe.
 */
public final class IntelliVueSession implements ProtocolSession {

    enum State {
        /** Not started. */
        IDLE,
        /** Association request sent, waiting for the result. */
        ASSOCIATING,
        /** Association accepted, waiting for the MDS Create Event Report. */
        AWAIT_MDS_CREATE,
        /** MDS create confirmed, MDS attributes polled for the identity. */
        AWAIT_MDS_ATTRIBUTES,
        /** Associated: polling numerics and waves. */
        POLLING,
        /** Association lost or refused: waiting before the next association request. */
        BACKOFF
    }

    /** Association timeout when the result names no min poll period (OpenICE: 10 s up to 3.3 s). */
    static final Duration DEFAULT_ASSOCIATION_TIMEOUT = Duration.ofSeconds(10);

    private final IntelliVueSettings settings;
    private final OutboundQueue outbound = new OutboundQueue();
    private final Waves waves = new Waves();
    private final Alerts alerts = new Alerts();
    private final MdsIdentity identity = new MdsIdentity();
    private final MonitorClock clock;
    private final UnnamedCodes unnamed = new UnnamedCodes();
    private final FrameSink sink = new Sink();
    private FrameDecoder decoder;
    private State state = State.IDLE;
    private Instant deadline = Instant.EPOCH;
    private Duration backoff;
    private Duration associationTimeout = DEFAULT_ASSOCIATION_TIMEOUT;
    private Instant lastReceived = Instant.EPOCH;
    private Instant nextNumericPoll = Instant.EPOCH;
    private Instant nextWavePoll = Instant.EPOCH;
    private Instant nextAlertPoll = Instant.EPOCH;
    private Instant nextKeepAlive = Instant.EPOCH;
    private Instant numericOutstanding;
    private Instant waveOutstanding;
    private Instant alertOutstanding;
    private int invokeId;
    private int pollNumber;
    private long refusedFrames;
    private Instant now = Instant.EPOCH;
    private SessionOutput out;

    public IntelliVueSession() {
        this(IntelliVueSettings.defaults());
    }

    public IntelliVueSession(IntelliVueSettings settings) {
        this(settings, ZoneId.systemDefault());
    }

    /**
     * @param monitorZone the zone the monitor's clock is set to: its absolute time carries none (the
     *     gateway's own by default, as both hang on the same ward)
     */
    public IntelliVueSession(IntelliVueSettings settings, ZoneId monitorZone) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = new MonitorClock(monitorZone);
        this.decoder = new FrameDecoder(settings.maxFrameLength());
        this.backoff = settings.backoffMin();
    }

    @Override
    public void start(Instant at, SessionOutput output) {
        enter(at, output);
        decoder = new FrameDecoder(settings.maxFrameLength());
        backoff = settings.backoffMin();
        associate();
        outbound.flush(now, out);
    }

    @Override
    public void receive(byte[] bytes, int offset, int length, Instant at, SessionOutput output) {
        enter(at, output);
        decoder.feed(bytes, offset, length, sink);
        outbound.flush(now, out);
    }

    @Override
    public void tick(Instant at, SessionOutput output) {
        enter(at, output);
        switch (state) {
            case IDLE -> {
                // not started: nothing to time
            }
            case ASSOCIATING -> {
                if (due(deadline)) {
                    retryLater(); // no answer: ask again after the backoff
                }
            }
            case AWAIT_MDS_CREATE -> {
                if (due(deadline)) {
                    abortAndRetry("no MDS Create Event Report within " + settings.responseTimeout());
                }
            }
            case AWAIT_MDS_ATTRIBUTES -> {
                if (due(deadline)) {
                    identified(decoder.position()); // identify with what the create event said
                    startPolling();
                }
            }
            case POLLING -> {
                if (due(lastReceived.plus(settings.silenceTimeout()))) {
                    abortAndRetry("monitor silent for " + settings.silenceTimeout());
                } else {
                    pollDue();
                }
            }
            case BACKOFF -> {
                if (due(deadline)) {
                    associate();
                }
            }
        }
        outbound.flush(now, out);
    }

    State state() {
        return state;
    }

    /** Frames the rate limit made us drop because the outbound queue was full (for diagnostics). */
    long refusedFrames() {
        return refusedFrames;
    }

    private void enter(Instant at, SessionOutput output) {
        now = Objects.requireNonNull(at, "now");
        out = Objects.requireNonNull(output, "out");
    }

    private boolean due(Instant time) {
        return !now.isBefore(time);
    }

    private final class Sink implements FrameSink {
        @Override
        public void frame(long offset, byte[] userData) {
            onFrame(offset, userData);
        }

        @Override
        public void error(long offset, String reason) {
            out.decoded(new Decoded.FramingError(offset, reason));
        }
    }

    private void onFrame(long offset, byte[] userData) {
        try {
            Message message = MessageParser.parse(userData);
            lastReceived = now;
            handle(offset, message);
        } catch (MalformedPdu e) {
            out.decoded(new Decoded.FramingError(offset, "malformed PDU: " + e.getMessage()));
        } catch (RuntimeException e) {
            // The reader thread must survive any input; the fuzz tests check this never happens.
            out.decoded(new Decoded.FramingError(offset, "internal error decoding a frame: " + e.getClass().getName()));
        }
    }

    private void handle(long offset, Message message) throws MalformedPdu {
        if (message instanceof Message.AssociationAccepted accepted) {
            if (state == State.ASSOCIATING) {
                associationTimeout = associationTimeout(accepted.minPollPeriodUnits());
                state = State.AWAIT_MDS_CREATE;
                deadline = now.plus(settings.responseTimeout());
                event(offset, DeviceEvent.Kind.CONNECTED, "association accepted");
            }
        } else if (message instanceof Message.MdsCreated created) {
            onMdsCreated(offset, created);
        } else if (message instanceof Message.PollReply reply) {
            onPollReply(offset, reply);
        } else if (message instanceof Message.AssociationRefused) {
            if (state == State.ASSOCIATING) {
                event(offset, DeviceEvent.Kind.DISCONNECTED, "association refused by the monitor");
                retryLater();
            }
        } else if (message instanceof Message.ReleaseRequested) {
            lost(offset, "association released by the monitor"); // clears what was queued for the association
            send(HostRequests.RELEASE_RESULT);
        } else if (message instanceof Message.Aborted) {
            lost(offset, "association aborted by the monitor");
        } else if (message instanceof Message.Released) {
            lost(offset, "association released");
        }
        // RemoteError and Other: the poll timeout covers a rejected poll; nothing else to do
    }

    private void onMdsCreated(long offset, Message.MdsCreated created) throws MalformedPdu {
        if (state != State.AWAIT_MDS_CREATE && state != State.AWAIT_MDS_ATTRIBUTES && state != State.POLLING) {
            return;
        }
        send(HostRequests.mdsCreateEventResult(created.invokeId(), created.eventTime()));
        identity.learn(created.attributes());
        clock.learn(created.attributes());
        if (state == State.AWAIT_MDS_CREATE) {
            send(HostRequests.singlePoll(nextInvokeId(), nextPollNumber(), NOM_MOC_VMS_MDS, NOM_ATTR_GRP_ALL));
            state = State.AWAIT_MDS_ATTRIBUTES;
            deadline = now.plus(settings.responseTimeout());
        }
    }

    private void onPollReply(long offset, Message.PollReply reply) throws MalformedPdu {
        if (state != State.AWAIT_MDS_ATTRIBUTES && state != State.POLLING) {
            return; // a late answer to a previous association
        }
        switch (reply.objectClass()) {
            case NOM_MOC_VMS_MDS -> {
                for (Message.ObservationPoll poll : reply.polls()) {
                    identity.learn(poll.attributes());
                    clock.learn(poll.attributes());
                }
                if (state == State.AWAIT_MDS_ATTRIBUTES) {
                    identified(offset);
                    startPolling();
                }
            }
            case NOM_MOC_VMO_METRIC_NU -> {
                if (reply.last()) {
                    numericOutstanding = null;
                }
                Numerics.Result numerics = Numerics.fromPolls(reply.polls(), deviceTime(reply), now);
                for (Observation observation : numerics.observations()) {
                    out.decoded(new Decoded.ReadingDecoded(offset, observation));
                }
                unnamed.report(offset, numerics.unnamed(), out);
            }
            case NOM_MOC_VMO_METRIC_SA_RT -> {
                if (reply.last()) {
                    waveOutstanding = null;
                }
                Waves.Result result = waves.fromPolls(reply.polls(), now);
                for (WaveformSegment segment : result.segments()) {
                    out.decoded(new Decoded.ReadingDecoded(offset, segment));
                }
                for (String problem : result.problems()) {
                    out.decoded(new Decoded.FramingError(offset, problem));
                }
                unnamed.report(offset, result.unnamed(), out);
            }
            case NOM_MOC_VMO_AL_MON -> {
                if (reply.last()) {
                    alertOutstanding = null;
                }
                Alerts.Result result = alerts.fromPolls(reply.polls(), deviceTime(reply), now);
                for (Alarm change : result.changes()) {
                    out.decoded(new Decoded.AlarmDecoded(offset, change));
                }
                for (String problem : result.problems()) {
                    out.decoded(new Decoded.FramingError(offset, problem));
                }
            }
            default -> {
                // results for objects we did not ask about are ignored
            }
        }
    }

    /**
     * When the monitor's clock says it took the poll: on the MDS's clock by the poll's relative time, else
     * the poll's own absolute time stamp; null when neither says (the policy compares what there is with
     * the gateway's clock and flags a monitor whose clock is off).
     */
    private Instant deviceTime(Message.PollReply reply) {
        return clock.at(reply.relativeTime())
                .or(() -> MonitorClock.absoluteTime(reply.absoluteTime(), clock.zone()))
                .orElse(null);
    }

    private void identified(long offset) {
        if (identity.isKnown()) {
            out.decoded(identity.toDecoded(offset));
        }
    }

    private void startPolling() {
        state = State.POLLING;
        backoff = settings.backoffMin();
        nextNumericPoll = now;
        nextWavePoll = now;
        nextAlertPoll = now;
        numericOutstanding = null;
        waveOutstanding = null;
        alertOutstanding = null;
        pollDue();
    }

    /** Sends the polls that are due; a poll still unanswered within the response timeout is not repeated. */
    private void pollDue() {
        if (due(nextNumericPoll) && answeredOrExpired(numericOutstanding)) {
            send(HostRequests.extendedPoll(nextInvokeId(), nextPollNumber(), NOM_MOC_VMO_METRIC_NU, NOM_ATTR_GRP_ALL));
            numericOutstanding = now;
            nextNumericPoll = now.plus(settings.numericPollPeriod());
        }
        // Alerts with the numerics' period: an alarm is seen within one period plus the answer's way back.
        if (due(nextAlertPoll) && answeredOrExpired(alertOutstanding)) {
            send(HostRequests.extendedPoll(nextInvokeId(), nextPollNumber(), NOM_MOC_VMO_AL_MON, NOM_ATTR_GRP_AL_MON));
            alertOutstanding = now;
            nextAlertPoll = now.plus(settings.numericPollPeriod());
        }
        if (settings.pollWaves() && due(nextWavePoll) && answeredOrExpired(waveOutstanding)) {
            send(HostRequests.extendedPoll(nextInvokeId(), nextPollNumber(), NOM_MOC_VMO_METRIC_SA_RT,
                    NOM_ATTR_GRP_ALL));
            waveOutstanding = now;
            nextWavePoll = now.plus(settings.wavePollPeriod());
        }
        if (due(nextKeepAlive)) {
            send(HostRequests.singlePoll(nextInvokeId(), nextPollNumber(), NOM_MOC_VMS_MDS, NOM_ATTR_GRP_ALL));
        }
    }

    private boolean answeredOrExpired(Instant outstanding) {
        return outstanding == null || due(outstanding.plus(settings.responseTimeout()));
    }

    private void associate() {
        resetAssociation();
        send(HostRequests.associationRequest());
        state = State.ASSOCIATING;
        deadline = now.plus(settings.responseTimeout());
    }

    private void abortAndRetry(String reason) {
        event(decoder.position(), DeviceEvent.Kind.DISCONNECTED, reason);
        resetAssociation();
        send(HostRequests.ABORT); // so a monitor that still thinks it is associated lets go
        retryLater();
    }

    private void lost(long offset, String reason) {
        if (state == State.IDLE || state == State.BACKOFF) {
            return;
        }
        event(offset, DeviceEvent.Kind.DISCONNECTED, reason);
        resetAssociation();
        retryLater();
    }

    private void retryLater() {
        state = State.BACKOFF;
        deadline = now.plus(backoff);
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(settings.backoffMax()) > 0 ? settings.backoffMax() : doubled;
    }

    /** Forget the association, including polls not yet sent: they belong to it. */
    private void resetAssociation() {
        outbound.clear();
        waves.clear();
        alerts.clear();
        identity.clear();
        clock.clear();
        numericOutstanding = null;
        waveOutstanding = null;
        alertOutstanding = null;
        associationTimeout = DEFAULT_ASSOCIATION_TIMEOUT;
    }

    private void send(byte[] pdu) {
        if (!outbound.offer(FrameEncoder.frame(pdu))) {
            refusedFrames++;
        }
        // Anything sent keeps the association alive; poll on its own well inside the monitor's timeout.
        nextKeepAlive = now.plus(associationTimeout.dividedBy(2));
    }

    private void event(long offset, DeviceEvent.Kind kind, String detail) {
        out.decoded(new Decoded.EventDecoded(offset, kind, detail));
    }

    private int nextInvokeId() {
        invokeId = (invokeId + 1) & 0xFFFF;
        return invokeId;
    }

    private int nextPollNumber() {
        pollNumber = (pollNumber + 1) & 0xFFFF;
        return pollNumber;
    }

    /**
     * The monitor drops an association it hears nothing on: 10 s for a min poll period up to 3.3 s,
     * three times the period up to 43 s, else 130 s (OpenICE AbstractDemoIntellivue.minPollPeriodToTimeout).
     */
    static Duration associationTimeout(long minPollPeriodUnits) {
        if (minPollPeriodUnits < 0) {
            return DEFAULT_ASSOCIATION_TIMEOUT;
        }
        long millis = minPollPeriodUnits * RELATIVE_TIME_UNIT_MICROS / 1000;
        if (millis <= 3300) {
            return Duration.ofSeconds(10);
        }
        return millis <= 43_000 ? Duration.ofMillis(3 * millis) : Duration.ofSeconds(130);
    }
}
