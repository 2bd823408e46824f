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
import java.util.Optional;
import java.util.function.Supplier;
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
    /** The MAC address the device-side neighbour table gives for the address; empty while unknown. */
    private String mac = "";
    private final Supplier<Optional<String>> neighbour;
    private boolean progressed;
    private long malformedSince = Long.MIN_VALUE;
    private long malformedHeld;
    private String malformedLatest = "";

    /**
     * @param policy asked by {@link #admitted()} and told what is seen; null admits nobody (deny by default)
     * @param neighbour the MAC address the device-side neighbour table has for the address now
     */
    PeerOutput(String address, Location location, ReadingIntake intake, DevicePolicy policy, Clock clock,
            Supplier<Optional<String>> neighbour) {
        this.neighbour = neighbour;
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
            DeviceIdentity before = identity;
            identity = new DeviceIdentity(Transport.NETWORK, address, clean(id.model()), clean(id.serialNumber()),
                    EUI64.matcher(id.eui64()).matches() ? id.eui64() : "");
            String macBefore = mac;
            lookUpMac(); // tells the policy if the MAC changed (the first exchange resolved it, typically)
            report(DeviceEvent.Kind.IDENTIFIED, "reported model '" + identity.model() + "', serial number '"
                    + identity.serialNumber() + "' at " + address + macText());
            if (mac.equals(macBefore) && !identity.equals(before)) {
                sight(); // the policy learns the MAC with the identity (HL7 repeats it in every message: once)
            }
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
     * Whether the policy admits the identity this peer reported last, at its address and MAC address: an
     * unknown one becomes pending approval there. Asked by protocols whose answer says "accepted" or "refused".
     */
    @Override
    public boolean admitted() {
        if (policy == null) {
            return false;
        }
        try {
            return policy.admit(sighting()).isAllowed();
        } catch (RuntimeException e) {
            LOG.warn("{}: the device policy failed: {}", address, e.toString());
            return false;
        }
    }

    /** Asks the neighbour table again; a MAC seen anew is told to the policy at once. */
    void lookUpMac() {
        neighbour.get().ifPresent(this::macSeen);
    }

    private void macSeen(String seen) {
        if (seen.equals(mac)) {
            return;
        }
        String before = mac;
        mac = seen;
        if (!before.isEmpty()) {
            LOG.warn("{}: MAC address changed from {} to {}", address, before, seen);
        }
        if (identity.isIdentified()) {
            sight();
        }
    }

    /** " (MAC ...)" once known, for event texts. */
    String macText() {
        return mac.isEmpty() ? "" : " (MAC " + mac + ")";
    }

    /** Tells the policy what is seen at this address now (it keeps the MAC to check later readings against). */
    private void sight() {
        if (policy == null || mac.isEmpty()) {
            return;
        }
        try {
            policy.admit(sighting());
        } catch (RuntimeException e) {
            LOG.warn("{}: the device policy failed: {}", address, e.toString());
        }
    }

    private DeviceSighting sighting() {
        Map<String, String> details = mac.isEmpty() ? Map.of("address", address) : Map.of("address", address, "mac", mac);
        return new DeviceSighting(identity, location, details, clock.instant());
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
