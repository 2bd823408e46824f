package io.wardgate.driver.intellivue;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.Peer;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SessionOutput;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * IntelliVue Data Export over LAN for one monitor: waits for the monitor's connect indication, then runs
 * the very session of the MIB/RS232 driver ({@link IntelliVueSession}: association, MDS create, identity,
 * polls as keep-alive, re-association with backoff). Only the transport differs: over UDP one datagram
 * carries one PDU, with none of the serial frame's header, FCS and transparency. So each datagram is framed
 * before the serial session reads it, and each frame the session sends is unframed into one datagram; the
 * PDU layer (parsing, requests, identity, numerics, waves) is shared, not copied.
 *
 * <p>A connect indication whose IP address is not the sender's is reported and ignored (a device
 * announcing another one). Pure like every session: no I/O, time from the arguments.
 */
public final class LanSession implements ProtocolSession {
    /** Frames around a datagram-sized PDU: header, FCS, and every byte escaped at worst. */
    static final int MAX_FRAME = 0xFFFF + FrameDecoder.OVERHEAD;

    private final Peer peer;
    private final IntelliVueSession serial;
    private final Unframing unframing = new Unframing();
    private boolean started;
    private long position;

    public LanSession(Peer peer) {
        this(peer, IntelliVueSettings.defaults());
    }

    public LanSession(Peer peer, IntelliVueSettings settings) {
        this.peer = Objects.requireNonNull(peer, "peer");
        IntelliVueSettings s = Objects.requireNonNull(settings, "settings");
        this.serial = new IntelliVueSession(new IntelliVueSettings(s.numericPollPeriod(), s.wavePollPeriod(),
                s.pollWaves(), s.responseTimeout(), s.silenceTimeout(), s.backoffMin(), s.backoffMax(), MAX_FRAME));
    }

    @Override
    public void start(Instant now, SessionOutput out) {
        // Nothing to send yet: the monitor's connect indication says it is ready for an association.
    }

    @Override
    public void receive(byte[] bytes, int offset, int length, Instant now, SessionOutput out) {
        long at = position;
        position += length;
        if (ConnectIndication.looksLike(bytes, offset, length)) {
            connectIndication(Arrays.copyOfRange(bytes, offset, offset + length), at, now, out);
        } else if (!started) {
            out.decoded(new Decoded.FramingError(at, "datagram of " + length + " bytes before any connect indication;"
                    + " ignored"));
        } else if (length == 0 || length > FrameEncoder.MAX_USER_DATA) {
            out.decoded(new Decoded.FramingError(at, "datagram of " + length + " bytes cannot hold a PDU"));
        } else {
            byte[] frame = FrameEncoder.frame(Arrays.copyOfRange(bytes, offset, offset + length));
            serial.receive(frame, 0, frame.length, now, unframing.to(out));
        }
    }

    @Override
    public void tick(Instant now, SessionOutput out) {
        if (started) {
            serial.tick(now, unframing.to(out));
        }
    }

    private void connectIndication(byte[] datagram, long at, Instant now, SessionOutput out) {
        ConnectIndication indication;
        try {
            indication = ConnectIndication.parse(datagram);
        } catch (MalformedPdu e) {
            out.decoded(new Decoded.FramingError(at, "malformed connect indication: " + e.getMessage()));
            return;
        }
        if (!indication.ipAddress().isEmpty() && !indication.ipAddress().equals(peer.address())) {
            out.decoded(new Decoded.FramingError(at, "connect indication names IP address " + indication.ipAddress()
                    + " but came from " + peer.address() + "; ignored"));
            return;
        }
        if (started) {
            return; // monitors repeat it; the serial session re-associates on its own when needed
        }
        started = true;
        out.decoded(new Decoded.EventDecoded(at, DeviceEvent.Kind.CONNECTED, "connect indication from "
                + peer.address() + (indication.mac().isEmpty() ? "" : ", MAC " + indication.mac())
                + (indication.dataExportPort() == 0 ? "" : ", Data Export port " + indication.dataExportPort())));
        serial.start(now, unframing.to(out));
    }

    /** Passes decoded items on, and turns each frame the serial session sends into one datagram. */
    private static final class Unframing implements SessionOutput, FrameSink {
        private final FrameDecoder decoder = new FrameDecoder(MAX_FRAME);
        private SessionOutput out;

        Unframing to(SessionOutput output) {
            this.out = output;
            return this;
        }

        @Override
        public void decoded(Decoded item) {
            out.decoded(item);
        }

        @Override
        public void send(byte[] frame) {
            decoder.feed(frame, 0, frame.length, this);
        }

        @Override
        public void frame(long offset, byte[] userData) {
            out.send(userData);
        }

        @Override
        public void error(long offset, String reason) {
            // our own encoder made the frame, so this is a bug here, never the monitor's: say so, do not throw
            out.decoded(new Decoded.FramingError(offset, "internal error unframing a request: " + reason));
        }
    }
}
