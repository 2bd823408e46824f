package io.wardgate.protocol;

import java.time.Instant;

/**
 * The host side of one device protocol on one connection, as a state machine. The caller owns all
 * I/O and time: it calls {@link #start} when the line opens, {@link #receive} with every chunk of
 * bytes read (any split, even one byte at a time), and {@link #tick} periodically (every 100 ms or
 * so) for timers such as polls and keep-alives. None of them blocks or throws on bad input.
 */
public interface ProtocolSession {

    /** The line just opened (or re-opened): send whatever starts the dialogue. */
    void start(Instant now, SessionOutput out);

    /** Bytes received from the device. The session does not keep a reference to the array. */
    void receive(byte[] bytes, int offset, int length, Instant now, SessionOutput out);

    /** Time passed: send due polls or keep-alives, notice timeouts. */
    void tick(Instant now, SessionOutput out);
}
