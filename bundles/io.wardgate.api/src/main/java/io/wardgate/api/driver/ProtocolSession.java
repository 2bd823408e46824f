package io.wardgate.api.driver;

import java.time.Duration;
import java.time.Instant;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The host side of one device protocol on one connection, as a state machine. The caller owns all
 * I/O and time: it calls {@link #start} when the line opens, {@link #receive} with every chunk of
 * bytes read (any split, even one byte at a time), and {@link #tick} periodically (every 100 ms or
 * so) for timers such as polls and keep-alives. A caller may tick a session that only listens (has asked to
 * send nothing for a while) less often, about once a second, but then still ticks it {@link #pauseToNotice}
 * after bytes arrive. None of them blocks or throws on bad input.
 *
 * <p>Pure: a session does no I/O, starts no thread and needs no OSGi; it is used by one thread at a
 * time (the caller's), so it needs no lock. Over a datagram transport ({@link NetworkEndpoint.Framing#DATAGRAM})
 * each {@link #receive} call holds exactly one datagram; otherwise the bytes may be split anywhere.
 */
@ConsumerType
public interface ProtocolSession {

    /** The line just opened (or re-opened): send whatever starts the dialogue. */
    void start(Instant now, SessionOutput out);

    /** Bytes received from the device. The session does not keep a reference to the array. */
    void receive(byte[] bytes, int offset, int length, Instant now, SessionOutput out);

    /** Time passed: send due polls or keep-alives, notice timeouts. */
    void tick(Instant now, SessionOutput out);

    /**
     * For a protocol that tells frames apart by the pauses between them: how long the line must stay quiet
     * after the last bytes to count as a pause. The caller then ticks the session no later than this long
     * (and a little) after bytes arrive, however seldom it ticks otherwise. Zero (the default): no such need.
     */
    default Duration pauseToNotice() {
        return Duration.ZERO;
    }
}
