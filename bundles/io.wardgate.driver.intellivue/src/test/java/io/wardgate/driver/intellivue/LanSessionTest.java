package io.wardgate.driver.intellivue;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.Observation;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.Peer;
import io.wardgate.api.driver.SessionOutput;
import io.wardgate.driver.intellivue.sim.LanMonitor;
import io.wardgate.driver.intellivue.sim.MonitorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IntelliVue over LAN in memory: the LAN session against the simulated LAN monitor, one PDU per
 * datagram (device-protocols.md line 14; Philips Data Export guide PIPG-29, PIPG-279).
 */
class LanSessionTest {
    private static final Peer MONITOR = new Peer("10.13.37.2", LanIds.PROTOCOL_PORT);
    private static final byte[] IP = {10, 13, 37, 2};
    private static final byte[] MAC = {0x00, 0x09, (byte) 0xFB, 0x09, 0x77, (byte) 0xBD};

    /**
     * A connect indication as laid out in a public capture of an MP-series monitor (network address
     * attribute F100 with MAC 00:09:FB:09:77:BD, 10.13.37.2, mask 255.255.255.0; protocol support F101 with
     * five entries, Data Export (proto 1) on 0x5E29 = 24105); derived: only these two attributes kept.
     */
    static final String CAPTURED_LAYOUT = "00 00 01 00  00 01 00 5A  00 00 00 00 00 54  00 23 00 00 00 00"
            + " 00 D6 D4 00  0D 17 00 46  00 02 00 42"
            + " F1 00 00 0E  00 09 FB 09 77 BD  0A 0D 25 02  FF FF FF 00"
            + " F1 01 00 2C  00 05 00 28  00 01 00 03 5D C0 00 00  00 02 00 03 5D C0 00 00"
            + " 00 01 00 01 5E 29 00 00  00 05 00 01 5E 29 00 00  00 08 00 01 82 35 00 00";

    private final List<Decoded> decoded = new ArrayList<>();
    private final ArrayDeque<byte[]> toMonitor = new ArrayDeque<>();
    private final SessionOutput out = new SessionOutput() {
        @Override
        public void decoded(Decoded item) {
            decoded.add(item);
        }

        @Override
        public void send(byte[] bytes) {
            toMonitor.add(bytes);
        }
    };

    @Test
    void parsesTheCapturedConnectIndicationLayout() throws Exception {
        byte[] indication = Hex.bytes(CAPTURED_LAYOUT);
        assertThat(ConnectIndication.looksLike(indication, 0, indication.length)).isTrue();
        ConnectIndication parsed = ConnectIndication.parse(indication);
        assertThat(parsed.mac()).isEqualTo("00:09:FB:09:77:BD");
        assertThat(parsed.ipAddress()).isEqualTo("10.13.37.2");
        assertThat(parsed.dataExportPort()).isEqualTo(24_105);
    }

    @Test
    void theSimulatorsConnectIndicationParsesAlike() throws Exception {
        LanMonitor monitor = monitor();
        ConnectIndication parsed = ConnectIndication.parse(monitor.connectIndication());
        assertThat(parsed.mac()).isEqualTo(monitor.macText());
        assertThat(parsed.ipAddress()).isEqualTo("10.13.37.2");
        assertThat(parsed.dataExportPort()).isEqualTo(LanIds.PROTOCOL_PORT);
    }

    @Test
    void associatesAfterTheConnectIndicationThenReadsIdentityAndNumerics() {
        LanMonitor monitor = monitor();
        LanSession session = new LanSession(MONITOR);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        session.start(t, out);
        assertThat(toMonitor).as("nothing is sent before the monitor announces itself").isEmpty();

        run(monitor, session, t, Duration.ofSeconds(4));

        assertThat(monitor.monitor().isAssociated()).isTrue();
        assertThat(decoded).anySatisfy(d -> assertThat(d).isInstanceOfSatisfying(Decoded.EventDecoded.class,
                e -> assertThat(e.detail()).contains("MAC 00:09:FB:09:77:BD").contains("24105")));
        assertThat(decoded).anySatisfy(d -> assertThat(d).isInstanceOfSatisfying(Decoded.IdentityDecoded.class,
                id -> assertThat(id.serialNumber()).isEqualTo("DE12345678")));
        assertThat(decoded.stream().filter(d -> d instanceof Decoded.ReadingDecoded r
                && r.reading() instanceof Observation)).isNotEmpty();
        assertThat(decoded).noneMatch(d -> d instanceof Decoded.FramingError);
    }

    @Test
    void reassociatesAfterTheMonitorDropsTheAssociation() {
        LanMonitor monitor = monitor();
        LanSession session = new LanSession(MONITOR);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        t = run(monitor, session, t, Duration.ofSeconds(3));
        monitor.monitor().dropAssociation();
        run(monitor, session, t, Duration.ofSeconds(8));

        assertThat(monitor.monitor().associationCount()).isEqualTo(2);
        assertThat(decoded).anySatisfy(d -> assertThat(d).isInstanceOfSatisfying(Decoded.EventDecoded.class,
                e -> assertThat(e.kind()).isEqualTo(DeviceEvent.Kind.DISCONNECTED)));
    }

    @Test
    void refusesAConnectIndicationNamingAnotherAddressAndDataBeforeAnyIndication() {
        LanSession session = new LanSession(new Peer("10.13.37.99", 24_105));
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        byte[] pollResult = Hex.bytes("E1 00 00 02 00 02 00 04 00 01 00 07");
        session.receive(pollResult, 0, pollResult.length, t, out);
        byte[] indication = monitor().connectIndication();
        session.receive(indication, 0, indication.length, t, out);
        session.tick(t.plusSeconds(1), out);

        assertThat(toMonitor).as("no association with a device announcing someone else").isEmpty();
        assertThat(decoded).hasSize(2).allSatisfy(d -> assertThat(d).isInstanceOf(Decoded.FramingError.class));
        assertThat(((Decoded.FramingError) decoded.get(1)).reason()).contains("names IP address 10.13.37.2");
    }

    @Test
    void truncatedAndOversizedDatagramsAreErrorsNotExceptions() {
        LanSession session = new LanSession(MONITOR);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        byte[] indication = Hex.bytes(CAPTURED_LAYOUT);
        for (int cut = 28; cut < indication.length; cut += 7) {
            session.receive(indication, 0, cut, t, out);
        }
        assertThat(toMonitor).isEmpty();
        assertThat(decoded).isNotEmpty().allSatisfy(d -> assertThat(d).isInstanceOf(Decoded.FramingError.class));
        session.receive(indication, 0, indication.length, t, out);
        assertThat(toMonitor).as("a whole one after the broken ones still associates").hasSize(1);
        decoded.clear();
        session.receive(new byte[70_000], 0, 70_000, t, out);
        assertThat(decoded).singleElement().isInstanceOf(Decoded.FramingError.class);
    }

    private Instant run(LanMonitor monitor, LanSession session, Instant from, Duration duration) {
        ArrayDeque<byte[]> toHost = new ArrayDeque<>();
        Instant t = from;
        for (Instant end = from.plus(duration); t.isBefore(end); t = t.plusMillis(10)) {
            monitor.connectIndicationDue(t).ifPresent(toHost::add);
            monitor.tick(t, toHost::add);
            while (!toHost.isEmpty() || !toMonitor.isEmpty()) {
                while (!toHost.isEmpty()) {
                    byte[] datagram = toHost.poll();
                    session.receive(datagram, 0, datagram.length, t, out);
                }
                while (!toMonitor.isEmpty()) {
                    monitor.fromHost(toMonitor.poll(), t, toHost::add);
                }
            }
            session.tick(t, out);
        }
        return t;
    }

    private static LanMonitor monitor() {
        return new LanMonitor(MonitorSettings.mp70("DE12345678", 7), IP, MAC);
    }
}
