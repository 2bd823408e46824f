package io.wardgate.network;

import io.wardgate.api.Alarm;
import io.wardgate.api.DeviceAlarms;
import io.wardgate.api.DeviceEvent;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.DeviceSighting;
import io.wardgate.api.Location;
import io.wardgate.api.Reading;
import io.wardgate.api.Transport;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.SessionOutput;
import io.wardgate.api.pipeline.DevicePolicy;
import io.wardgate.api.pipeline.ReadingIntake;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one peer's session puts what it decoded, as io.wardgate.serial's port does: readings go to the
 * intake in batches under the identity the device reported at its network address (transport NETWORK;
 * the policy checks address and identity together), decoding problems become at most one MALFORMED_INPUT
 * event per interval, and bytes to send wait (bounded) for the source's thread. One thread only.
 */
final class PeerOutput implements SessionOutput {
    private static final Logger LOG = LoggerFactory.getLogger(PeerOutput.class);
    static final int MAX_PENDING_SEND_BYTES = 64 * 1024;
    static final long MALFORMED_INTERVAL_NANOS = 10_000_000_000L;
    private static final Pattern EUI64 = Pattern.compile("[0-9A-F]{16}");

    private final String address;
    private final Location location;
    private final ReadingIntake intake;
    private final DevicePolicy policy;
    private final Clock clock;
    private final List<Reading> readings = new ArrayList<>();
    private final List<byte[]> sends = new ArrayList<>();
    private int sendBytes;
    private DeviceIdentity identity;
    private boolean progressed;
    private long malformedSince = Long.MIN_VALUE;
    private long malformedHeld;
    private String malformedLatest = "";

    PeerOutput(String address, Location location, ReadingIntake intake, Clock clock) {
        this(address, location, intake, null, clock);
    }

    /** @param policy asked by {@link #admitted()}; null admits nobody (deny by default) */
    PeerOutput(String address, Location location, ReadingIntake intake, DevicePolicy policy, Clock clock) {
        this.address = address;
        this.location = location;
        this.intake = intake;
        this.policy = policy;
        this.clock = clock;
        this.identity = DeviceIdentity.at(Transport.NETWORK, address);
    }

    DeviceIdentity identity() {
        return identity;
    }

    @Override
    public void decoded(Decoded item) {
        if (item instanceof Decoded.ReadingDecoded r) {
            progressed = true;
            readings.add(r.reading());
            if (readings.size() == DeviceReadings.MAX_READINGS) {
                flush();
            }
        } else if (item instanceof Decoded.IdentityDecoded id) {
            progressed = true;
            flush();
            identity = new DeviceIdentity(Transport.NETWORK, address, clean(id.model()), clean(id.serialNumber()),
                    EUI64.matcher(id.eui64()).matches() ? id.eui64() : "");
            report(DeviceEvent.Kind.IDENTIFIED, "reported model '" + identity.model() + "', serial number '"
                    + identity.serialNumber() + "' at " + address);
        } else if (item instanceof Decoded.AlarmDecoded a) {
            progressed = true;
            flush();
            raise(a.alarm());
        } else if (item instanceof Decoded.EventDecoded e) {
            progressed = true;
            flush();
            report(e.kind(), e.detail());
        } else if (item instanceof Decoded.FramingError f) {
            malformed(System.nanoTime(), "at byte " + f.offset() + ": " + f.reason());
        }
    }

    /**
     * Whether the policy admits the identity this peer reported last, at its address: an unknown one
     * becomes pending approval there. Asked by protocols whose answer says "accepted" or "refused".
     */
    @Override
    public boolean admitted() {
        if (policy == null) {
            return false;
        }
        try {
            return policy.admit(new DeviceSighting(identity, location, Map.of("address", address), clock.instant()))
                    .isAllowed();
        } catch (RuntimeException e) {
            LOG.warn("{}: the device policy failed: {}", address, e.toString());
            return false;
        }
    }

    private void raise(Alarm alarm) {
        try {
            intake.raise(new DeviceAlarms(identity, location, List.of(alarm)));
        } catch (RuntimeException e) {
            LOG.warn("{}: the reading intake refused an alarm: {}", address, e.toString());
        }
    }

    @Override
    public void send(byte[] bytes) {
        if (sendBytes + bytes.length > MAX_PENDING_SEND_BYTES) {
            LOG.warn("{}: the session queued more than {} bytes to send; {} bytes dropped", address,
                    MAX_PENDING_SEND_BYTES, bytes.length);
            return;
        }
        sends.add(bytes.clone());
        sendBytes += bytes.length;
    }

    /** Bytes queued for the peer since the last call, in order. */
    List<byte[]> takeSends() {
        List<byte[]> taken = List.copyOf(sends);
        sends.clear();
        sendBytes = 0;
        return taken;
    }

    /** Whether the session decoded anything but errors since the last call (slow-loris defence). */
    boolean takeProgress() {
        boolean was = progressed;
        progressed = false;
        return was;
    }

    void malformed(long nowNanos, String reason) {
        if (malformedSince == Long.MIN_VALUE || nowNanos - malformedSince >= MALFORMED_INTERVAL_NANOS) {
            String held = malformedHeld == 0 ? "" : " (and " + malformedHeld + " more since the last report)";
            malformedSince = nowNanos;
            malformedHeld = 0;
            report(DeviceEvent.Kind.MALFORMED_INPUT, reason + held);
        } else {
            malformedHeld++;
            malformedLatest = reason;
        }
    }

    /** Reports what was held back once the interval is over. */
    void tick(long nowNanos) {
        if (malformedHeld > 0 && nowNanos - malformedSince >= MALFORMED_INTERVAL_NANOS) {
            String detail = malformedHeld + " more malformed inputs since the last report; latest: " + malformedLatest;
            malformedSince = nowNanos;
            malformedHeld = 0;
            report(DeviceEvent.Kind.MALFORMED_INPUT, detail);
        }
    }

    void flush() {
        if (readings.isEmpty()) {
            return;
        }
        DeviceReadings batch = new DeviceReadings(identity, location, readings);
        readings.clear();
        try {
            intake.submit(batch);
        } catch (RuntimeException e) {
            LOG.warn("{}: the reading intake failed: {}", address, e.toString());
        }
    }

    void report(DeviceEvent.Kind kind, String detail) {
        try {
            intake.report(new DeviceEvent(identity, kind, clock.instant(), bounded(detail, 512)));
        } catch (RuntimeException e) {
            LOG.warn("{}: the reading intake failed: {}", address, e.toString());
        }
    }

    private static String clean(String text) {
        return bounded(text, 64);
    }

    /** Printable ASCII, at most {@code max} characters: decoders' texts come from device bytes. */
    static String bounded(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char ch = text.charAt(i);
            out.append(ch >= 0x20 && ch <= 0x7E ? ch : '?');
        }
        return out.toString();
    }
}
