package io.wardgate.driver.intellivue.sim;

import static io.wardgate.driver.intellivue.LanIds.*;

import io.wardgate.api.sim.SimulatedDevice;
import io.wardgate.driver.intellivue.FrameDecoder;
import io.wardgate.driver.intellivue.FrameEncoder;
import io.wardgate.driver.intellivue.FrameSink;
import io.wardgate.driver.intellivue.PduWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Philips IntelliVue monitor's Data Export over LAN: while not associated it announces itself with a
 * connect indication every {@link #INDICATION_PERIOD} (the runner broadcasts it to UDP 24005); on its
 * Data Export port it is the very {@link IntelliVueMonitor} of the serial simulator, with one PDU per
 * datagram instead of MIB/RS232 frames. {@link #fromHost} takes one datagram; each {@code wire} call is
 * one datagram back to the host.
 */
public final class LanMonitor implements SimulatedDevice {
    public static final Duration INDICATION_PERIOD = Duration.ofSeconds(5);
    private static final int MAX_FRAME = 0xFFFF + FrameDecoder.OVERHEAD;

    private final IntelliVueMonitor monitor;
    private final MonitorSettings settings;
    private final byte[] mac;
    private final byte[] ipAddress;
    private final FrameDecoder unframer = new FrameDecoder(MAX_FRAME);
    private Instant nextIndication;

    /**
     * @param settings what the monitor reports
     * @param ipAddress its IPv4 address (4 bytes), as its connect indication names it
     * @param mac its MAC address (6 bytes)
     */
    public LanMonitor(MonitorSettings settings, byte[] ipAddress, byte[] mac) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (ipAddress.length != 4 || mac.length != 6) {
            throw new IllegalArgumentException("an IPv4 address of 4 bytes and a MAC of 6");
        }
        this.ipAddress = ipAddress.clone();
        this.mac = mac.clone();
        this.monitor = new IntelliVueMonitor(settings);
    }

    /** The serial monitor inside: its controls (drop the association, go silent) work here too. */
    public IntelliVueMonitor monitor() {
        return monitor;
    }

    public String macText() {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(mac);
    }

    /** The connect indication to broadcast now, if one is due (only while not associated). */
    public Optional<byte[]> connectIndicationDue(Instant now) {
        if (monitor.isAssociated() || (nextIndication != null && now.isBefore(nextIndication))) {
            return Optional.empty();
        }
        nextIndication = now.plus(INDICATION_PERIOD);
        return Optional.of(connectIndication());
    }

    /** The connect indication's bytes (layout in io.wardgate.driver.intellivue.LanIds). */
    public byte[] connectIndication() {
        PduWriter pdu = new PduWriter().u32(NOMENCLATURE).u16(io.wardgate.driver.intellivue.IntelliVueIds.ROIV_APDU);
        int ro = pdu.openLength();
        pdu.u16(0).u16(io.wardgate.driver.intellivue.IntelliVueIds.CMD_EVENT_REPORT);
        int argument = pdu.openLength();
        pdu.u16(NOM_MOC_MDS_COMPOS_SINGLE_BED).u16(0).u16(0).u32(0).u16(NOM_NOTI_CONN_INDIC);
        int info = pdu.openLength();
        MonitorPdus.attributes(pdu, 2, list -> {
            MonitorPdus.ava(list, NOM_ATTR_NET_ADDR_INFO, v -> v.bytes(mac).bytes(ipAddress)
                    .bytes(new byte[] {(byte) 255, (byte) 255, (byte) 255, 0}));
            MonitorPdus.ava(list, NOM_ATTR_PCOL_SUPPORT, v -> {
                v.u16(1);
                int entries = v.openLength();
                v.u16(1).u16(PROTO_ID_DATA_EXPORT).u16(PROTOCOL_PORT).u16(0);
                v.closeLength(entries);
            });
        });
        return pdu.closeLength(info).closeLength(argument).closeLength(ro).toByteArray();
    }

    @Override
    public void fromHost(byte[] datagram, Instant now, Consumer<byte[]> wire) {
        if (datagram.length == 0 || datagram.length > FrameEncoder.MAX_USER_DATA) {
            return; // a monitor ignores what cannot be a PDU
        }
        monitor.fromHost(FrameEncoder.frame(datagram), now, frames -> unframe(frames, wire));
    }

    @Override
    public void tick(Instant now, Consumer<byte[]> wire) {
        monitor.tick(now, frames -> unframe(frames, wire));
    }

    private void unframe(byte[] frames, Consumer<byte[]> wire) {
        unframer.feed(frames, 0, frames.length, new FrameSink() {
            @Override
            public void frame(long offset, byte[] userData) {
                wire.accept(userData);
            }

            @Override
            public void error(long offset, String reason) {
                // garbage the serial monitor was told to send has no datagram form: dropped
            }
        });
    }

    MonitorSettings settings() {
        return settings;
    }
}
