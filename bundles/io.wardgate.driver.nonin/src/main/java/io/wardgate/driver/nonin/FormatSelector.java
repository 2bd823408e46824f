package io.wardgate.driver.nonin;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.SessionOutput;
import java.time.Duration;
import java.time.Instant;

/**
 * Selects the data format at start and re-sends the command until the oximeter answers. An ACK or
 * frames of the format (some devices keep the format and stream without answering) end the
 * selection; a NAK means the device does not offer the format, which is reported once. The 9560
 * answers only during its first five seconds after connection, so the command is sent at most
 * {@value #MAX_ATTEMPTS} times.
 */
final class FormatSelector {
    static final Duration RETRY = Duration.ofSeconds(2);
    static final int MAX_ATTEMPTS = 5;

    enum State { IDLE, AWAITING, SELECTED, REFUSED, NO_ANSWER }

    private final DataFormat format;
    private State state = State.IDLE;
    private int attempts;
    private Instant deadline;

    FormatSelector(DataFormat format) {
        this.format = format;
    }

    State state() {
        return state;
    }

    void start(Instant now, SessionOutput out) {
        attempts = 0;
        send(now, out);
    }

    boolean awaiting() {
        return state == State.AWAITING;
    }

    /** Consumes the device's one-byte answer; false when {@code b} is not one. */
    boolean answer(byte b, long offset, SessionOutput out) {
        if (b == FormatSelect.ACK) {
            state = State.SELECTED;
            return true;
        }
        if (b == FormatSelect.NAK) {
            state = State.REFUSED;
            out.decoded(new Decoded.EventDecoded(offset, DeviceEvent.Kind.ALARM,
                    "oximeter refused data format " + format.code() + " (NAK): check the model and its settings"));
            return true;
        }
        return false;
    }

    /** A good frame arrived: the device is evidently sending the format. */
    void dataSeen() {
        if (state == State.AWAITING || state == State.NO_ANSWER) {
            state = State.SELECTED;
        }
    }

    void tick(Instant now, long offset, SessionOutput out) {
        if (state != State.AWAITING || now.isBefore(deadline)) {
            return;
        }
        if (attempts < MAX_ATTEMPTS) {
            send(now, out);
        } else {
            state = State.NO_ANSWER;
            out.decoded(new Decoded.EventDecoded(offset, DeviceEvent.Kind.SILENT, "no answer to data format "
                    + format.code() + " select after " + MAX_ATTEMPTS + " attempts and no data"));
        }
    }

    private void send(Instant now, SessionOutput out) {
        attempts++;
        deadline = now.plus(RETRY);
        state = State.AWAITING;
        out.send(FormatSelect.command(format));
    }
}
