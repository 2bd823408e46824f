package io.wardgate.driver.masimo;

import io.wardgate.api.Alarm;
import io.wardgate.api.Decimal;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SessionOutput;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masimo Radical-7 / Rad-8 / Rad-97 serial "ASCII 1": the device sends one line per second and
 * listens to nothing, so this session never sends. Per line it reports, in this order: the device
 * identity when the SN= field is new or changed; one observation per numeric field (dashes become an
 * UNAVAILABLE status, never a number; ALARM and EXC bits become status flags); typed alarm changes from the
 * ALARM word ({@link MasimoAlarms}); and a framing error per field it could not read.
 *
 * <p>The line carries no model name, so identities report the serial number only. The device clock
 * has no zone: its time is read in the zone given (the gateway's own by default, as both hang on the
 * same ward's wall).
 */
public final class MasimoSession implements ProtocolSession {
    /** The longest line accepted. The spec example has 133 characters; newer firmware adds a few fields. */
    public static final int MAX_LINE_LENGTH = 512;

    private final ZoneId deviceZone;
    /** MM/DD/YY HH:MM:SS and a field: how every ASCII 1 line begins. */
    private static final Pattern LINE_START =
            Pattern.compile("[0-9]{2}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} [A-Z]");
    /** values() copies its array on every call; once per line and field adds up. */
    private static final ExceptionBit[] EXCEPTION_BITS = ExceptionBit.values();
    private final LineFramer framer = new LineFramer(MAX_LINE_LENGTH);
    private String reportedSerial;
    private final MasimoAlarms alarms = new MasimoAlarms();

    public MasimoSession() {
        this(ZoneId.systemDefault());
    }

    public MasimoSession(ZoneId deviceZone) {
        this.deviceZone = Objects.requireNonNull(deviceZone, "deviceZone");
    }

    @Override
    public void start(Instant now, SessionOutput out) {
        framer.reset();
        reportedSerial = null;
        alarms.reset();
    }

    @Override
    public void receive(byte[] bytes, int offset, int length, Instant now, SessionOutput out) {
        framer.feed(bytes, offset, length, new LineFramer.Sink() {
            @Override
            public void line(long lineOffset, String line) {
                decodeLine(lineOffset, line, now, out);
            }

            @Override
            public void error(long errorOffset, String reason) {
                out.decoded(new Decoded.FramingError(errorOffset, reason));
            }
        });
    }

    /**
     * Where a line starts when noise ran into it: the one place its date and time appear. 0 when the
     * text starts with them, or when they appear nowhere or more than once (ambiguous: not recovered).
     */
    static int lineStart(String text) {
        if (startsWithDateAndTime(text)) {
            return 0; // every clean line: no regular expression needed
        }
        Matcher matcher = LINE_START.matcher(text);
        if (!matcher.find() || matcher.start() == 0) {
            return 0;
        }
        int start = matcher.start();
        return matcher.find() ? 0 : start;
    }

    /** Whether the text starts as {@link #LINE_START} matches: date, time and the first letter of a field. */
    private static boolean startsWithDateAndTime(String text) {
        if (text.length() < 19 || text.charAt(8) != ' ' || text.charAt(17) != ' ') {
            return false;
        }
        char field = text.charAt(18);
        return field >= 'A' && field <= 'Z' && MasimoLineDecoder.isTwoDigitTriple(text.substring(0, 8), '/')
                && MasimoLineDecoder.isTwoDigitTriple(text.substring(9, 17), ':');
    }

    @Override
    public void tick(Instant now, SessionOutput out) {
        // Nothing is due: the device talks by itself and silence is the port's business.
    }

    private void decodeLine(long offset, String text, Instant now, SessionOutput out) {
        int start = lineStart(text);
        if (start > 0) {
            out.decoded(new Decoded.FramingError(offset, "skipped " + start + " bytes of noise before a line's date"));
            decodeLine(offset + start, text.substring(start), now, out);
            return;
        }
        MasimoLine line = MasimoLineDecoder.decode(text);
        if (!line.recognized()) {
            out.decoded(new Decoded.FramingError(offset, "not a Masimo ASCII 1 line"));
            return;
        }
        if (!line.serialNumber().isEmpty() && !line.serialNumber().equals(reportedSerial)) {
            reportedSerial = line.serialNumber();
            out.decoded(new Decoded.IdentityDecoded(offset, "", reportedSerial, ""));
        }
        long alarm = line.alarm().orElse(0);
        long exceptions = line.exceptions().orElse(0);
        Instant deviceTime = deviceInstant(line.deviceTime());
        for (Map.Entry<MasimoParameter, Optional<Decimal>> field : line.values().entrySet()) {
            Observation observation = observation(field.getKey(), field.getValue(), alarm, exceptions, deviceTime, now);
            out.decoded(new Decoded.ReadingDecoded(offset, observation));
        }
        if (line.alarm().isPresent()) {
            for (Alarm change : alarms.update(alarm, deviceTime, now)) {
                out.decoded(new Decoded.AlarmDecoded(offset, change));
            }
        }
        for (String problem : line.problems()) {
            out.decoded(new Decoded.FramingError(offset, problem));
        }
    }

    private Instant deviceInstant(LocalDateTime time) {
        return time == null ? null : time.atZone(deviceZone).toInstant();
    }

    static Observation observation(MasimoParameter parameter, Optional<Decimal> value, long alarm, long exceptions,
            Instant deviceTime, Instant now) {
        Set<StatusFlag> flags = EnumSet.noneOf(StatusFlag.class);
        for (ExceptionBit bit : EXCEPTION_BITS) {
            if (bit.isSetIn(exceptions) && bit.concerns(parameter)) {
                flags.add(bit.flag());
            }
        }
        if (AlarmBit.limitViolated(parameter, alarm)) {
            flags.add(StatusFlag.IN_ALARM);
            if (AlarmBit.SILENCED.isSetIn(alarm)) {
                flags.add(StatusFlag.ALARM_INHIBITED);
            }
        }
        if (value.isEmpty()) {
            flags.add(StatusFlag.UNAVAILABLE);
        }
        boolean noValue = false;
        for (StatusFlag flag : flags) {
            noValue |= flag.meansNoValue();
        }
        Decimal number = noValue ? null : value.get();
        return new Observation(parameter.metric(), parameter.unit(), number, flags, deviceTime, now);
    }
}
