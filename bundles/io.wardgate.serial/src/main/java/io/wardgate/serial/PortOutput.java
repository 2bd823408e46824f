package io.wardgate.serial;

import io.wardgate.api.Alarm;
import io.wardgate.api.DeviceAlarms;
import io.wardgate.api.DeviceEvent;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Reading;
import io.wardgate.api.Transport;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.SessionOutput;
import io.wardgate.api.pipeline.ReadingIntake;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one port's protocol session puts what it decoded: readings go to the intake in batches under
 * the identity the device reported, alarm changes go to it at once, identities are checked against the expected one, decoding
 * problems become rate-limited MALFORMED_INPUT events, and bytes to send wait (bounded) for the
 * reader thread to write them. Used by that one thread only.
 */
final class PortOutput implements SessionOutput {
    private static final Logger LOG = LoggerFactory.getLogger(PortOutput.class);
    /** Bytes the session may queue for sending between two writes; more is a session bug. */
    static final int MAX_PENDING_SEND_BYTES = 64 * 1024;
    private static final int MAX_DETAIL = 512;
    private static final Pattern EUI64 = Pattern.compile("[0-9A-F]{16}");

    private final PortSettings settings;
    private final ReadingIntake intake;
    private final Clock clock;
    private final MalformedInputLimiter malformed;
    private final List<Reading> pendingReadings = new ArrayList<>();
    private final List<byte[]> pendingSends = new ArrayList<>();
    private int pendingSendBytes;
    private DeviceIdentity identity;
    private long intakeFailures;

    PortOutput(PortSettings settings, ReadingIntake intake, Clock clock, MalformedInputLimiter malformed) {
        this.settings = settings;
        this.intake = intake;
        this.clock = clock;
        this.malformed = malformed;
        this.identity = DeviceIdentity.at(Transport.SERIAL, settings.path());
    }

    DeviceIdentity identity() {
        return identity;
    }

    @Override
    public void decoded(Decoded item) {
        if (item instanceof Decoded.ReadingDecoded r) {
            pendingReadings.add(r.reading());
            if (pendingReadings.size() == DeviceReadings.MAX_READINGS) {
                flushReadings();
            }
        } else if (item instanceof Decoded.IdentityDecoded id) {
            flushReadings();
            identified(id);
        } else if (item instanceof Decoded.AlarmDecoded a) {
            flushReadings();
            raise(a.alarm());
        } else if (item instanceof Decoded.EventDecoded e) {
            flushReadings();
            report(e.kind(), e.detail());
        } else if (item instanceof Decoded.FramingError f) {
            malformed(System.nanoTime(), "at byte " + f.offset() + ": " + f.reason());
        }
    }

    @Override
    public void send(byte[] bytes) {
        if (pendingSendBytes + bytes.length > MAX_PENDING_SEND_BYTES) {
            LOG.warn("{}: protocol session queued more than {} bytes to send; dropping {} bytes", settings.path(),
                    MAX_PENDING_SEND_BYTES, bytes.length);
            return;
        }
        pendingSends.add(bytes.clone());
        pendingSendBytes += bytes.length;
    }

    /** The bytes queued for the device since the last call, in order. */
    List<byte[]> takeSends() {
        if (pendingSends.isEmpty()) {
            return List.of(); // the common case, several times a second per port: no copy
        }
        List<byte[]> sends = List.copyOf(pendingSends);
        pendingSends.clear();
        pendingSendBytes = 0;
        return sends;
    }

    /** The line is open: the device is unknown until it says who it is. */
    void connected(String detail) {
        pendingReadings.clear();
        takeSends();
        identity = DeviceIdentity.at(Transport.SERIAL, settings.path());
        report(DeviceEvent.Kind.CONNECTED, detail);
    }

    void disconnected(String detail) {
        flushReadings();
        report(DeviceEvent.Kind.DISCONNECTED, detail);
    }

    void malformed(long nowNanos, String reason) {
        malformed.offer(nowNanos, reason).ifPresent(detail -> report(DeviceEvent.Kind.MALFORMED_INPUT, detail));
    }

    /** Called every tick: reports held-back malformed input once its interval is over. */
    void tick(long nowNanos) {
        malformed.flush(nowNanos).ifPresent(detail -> report(DeviceEvent.Kind.MALFORMED_INPUT, detail));
    }

    /** Hands the readings decoded so far to the intake, in batches of at most MAX_READINGS. */
    void flushReadings() {
        if (pendingReadings.isEmpty()) {
            return;
        }
        DeviceReadings batch = new DeviceReadings(identity, settings.location(), pendingReadings);
        pendingReadings.clear();
        try {
            intake.submit(batch);
        } catch (RuntimeException e) {
            intakeFailed(e);
        }
    }

    /** An alarm change goes to the intake at once, under the identity the device reported. */
    private void raise(Alarm alarm) {
        try {
            intake.raise(new DeviceAlarms(identity, settings.location(), List.of(alarm)));
        } catch (RuntimeException e) {
            intakeFailed(e);
        }
    }

    void report(DeviceEvent.Kind kind, String detail) {
        try {
            intake.report(new DeviceEvent(identity, kind, clock.instant(), clean(detail, MAX_DETAIL)));
        } catch (RuntimeException e) {
            intakeFailed(e);
        }
    }

    private void identified(Decoded.IdentityDecoded reported) {
        String model = clean(reported.model(), 64);
        String serialNumber = clean(reported.serialNumber(), 64);
        String eui64 = EUI64.matcher(reported.eui64()).matches() ? reported.eui64() : "";
        identity = new DeviceIdentity(Transport.SERIAL, settings.path(), model, serialNumber, eui64);

        List<String> mismatches = new ArrayList<>();
        compare("model", settings.expectedModel(), model, mismatches);
        compare("serial number", settings.expectedSerialNumber(), serialNumber, mismatches);
        String reportedText = "model '" + model + "', serial number '" + serialNumber + "'"
                + (eui64.isEmpty() ? "" : ", EUI-64 " + eui64);
        String detail;
        if (!mismatches.isEmpty()) {
            detail = "IDENTITY MISMATCH, possible device swap: " + String.join("; ", mismatches) + " (reported "
                    + reportedText + ")";
            LOG.warn("{}: {}", settings.path(), detail);
        } else if (settings.expectedModel().isEmpty() && settings.expectedSerialNumber().isEmpty()) {
            detail = "learned " + reportedText + "; no identity expected on this port";
        } else {
            detail = "identified as expected: " + reportedText;
        }
        report(DeviceEvent.Kind.IDENTIFIED, detail);
    }

    /** An expected field the device reported differently; one it did not report cannot be checked. */
    private static void compare(String field, String expected, String reported, List<String> mismatches) {
        if (!expected.isEmpty() && !reported.isEmpty() && !expected.equals(reported)) {
            mismatches.add("expected " + field + " '" + expected + "', reported '" + reported + "'");
        }
    }

    private void intakeFailed(RuntimeException e) {
        intakeFailures++;
        if (intakeFailures == 1 || intakeFailures % 1000 == 0) {
            LOG.warn("{}: the reading intake failed ({} times so far): {}", settings.path(), intakeFailures, e.toString());
        }
    }

    /** Printable ASCII, at most {@code max} characters: decoders' texts come from device bytes. */
    static String clean(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char ch = text.charAt(i);
            out.append(ch >= 0x20 && ch <= 0x7E ? ch : '?');
        }
        return out.toString();
    }
}
