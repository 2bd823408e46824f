package io.wardgate.network;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.Decimal;
import io.wardgate.api.Observation;
import io.wardgate.api.VitalSign;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.NetworkDriver;
import io.wardgate.api.driver.NetworkEndpoint;
import io.wardgate.api.driver.Peer;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SessionOutput;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

/**
 * A tiny real TCP protocol for the host's tests: lines of ASCII ending in '\n', at most 32 bytes.
 * "HR 72" is a heart rate, "ID serial" the device's serial number; a longer line is a framing error
 * and is skipped up to its end. Each good line is answered "OK\n".
 */
final class LineDriver implements NetworkDriver {
    static final int MAX_LINE = 32;

    @Override
    public String protocol() {
        return "test-lines";
    }

    @Override
    public String description() {
        return "test protocol: ASCII lines";
    }

    @Override
    public NetworkEndpoint endpoint() {
        return new NetworkEndpoint(NetworkEndpoint.Transport.TCP, NetworkEndpoint.Role.LISTEN, 1,
                NetworkEndpoint.Framing.STREAM);
    }

    @Override
    public ProtocolSession openSession(Peer peer) {
        return new ProtocolSession() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();
            private boolean skipping;
            private long offset;

            @Override
            public void start(Instant now, SessionOutput out) {
                out.decoded(new Decoded.EventDecoded(0, DeviceEvent.Kind.CONNECTED, "hello " + peer.address()));
            }

            @Override
            public void receive(byte[] bytes, int from, int length, Instant now, SessionOutput out) {
                for (int i = from; i < from + length; i++, offset++) {
                    if (bytes[i] == '\n') {
                        if (!skipping) {
                            line(line.toString(StandardCharsets.US_ASCII), now, out);
                        }
                        skipping = false;
                        line.reset();
                    } else if (line.size() >= MAX_LINE) {
                        if (!skipping) {
                            out.decoded(new Decoded.FramingError(offset, "line longer than " + MAX_LINE));
                        }
                        skipping = true;
                    } else {
                        line.write(bytes[i]);
                    }
                }
            }

            private void line(String text, Instant now, SessionOutput out) {
                if (text.startsWith("HR ")) {
                    out.decoded(new Decoded.ReadingDecoded(offset, Observation.of(VitalSign.HEART_RATE,
                            Decimal.parse(text.substring(3)), Set.of(), now)));
                } else if (text.startsWith("ID ")) {
                    out.decoded(new Decoded.IdentityDecoded(offset, "LINE-1", text.substring(3), ""));
                } else {
                    out.decoded(new Decoded.FramingError(offset, "unknown line"));
                    return;
                }
                out.send("OK\n".getBytes(StandardCharsets.US_ASCII));
            }

            @Override
            public void tick(Instant now, SessionOutput out) {
                // no timers
            }
        };
    }
}
