package io.wardgate.policy.internal;

import static io.wardgate.policy.internal.Fixture.MONITOR;
import static io.wardgate.policy.internal.Fixture.spo2;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Transport;
import io.wardgate.policy.api.DeviceEventObserver;
import io.wardgate.policy.api.PendingDevice;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a serial port does at every start (see io.wardgate.serial PortOutput): the line opens and a
 * CONNECTED event comes under the bare port identity, and only then does the device identify itself.
 * An approved port must not be audited as a possible device swap in between (issue #23: a red
 * DENIED "possible device swap" at every demo start). A real swap still is.
 */
class DeviceStartTest {
    static final DeviceIdentity BARE_PORT = DeviceIdentity.at(Transport.SERIAL, MONITOR.address());
    static final DeviceIdentity STRANGER = DeviceIdentity.at(Transport.SERIAL, "/dev/wardgate/bed-14")
            .withReported("N-560", "N560-0042");

    @TempDir
    Path dir;
    Fixture f;

    @BeforeEach
    void start() throws Exception {
        f = new Fixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private static DeviceEvent event(DeviceIdentity device, DeviceEvent.Kind kind, String detail) {
        return new DeviceEvent(device, kind, Instant.now(), detail);
    }

    @Test
    void anApprovedPortThatConnectsBeforeItsDeviceIdentifiesIsNoSwap() {
        List<DeviceEvent> seen = new CopyOnWriteArrayList<>();
        DeviceEventObserver observer = seen::add;
        f.engine.addEventObserver(observer);

        f.engine.report(event(BARE_PORT, DeviceEvent.Kind.CONNECTED, "port opened"));
        f.engine.submit(spo2(BARE_PORT, 97)); // a reading before the identity: still refused
        f.engine.report(event(MONITOR, DeviceEvent.Kind.IDENTIFIED, "identified as expected"));
        f.engine.report(event(MONITOR, DeviceEvent.Kind.ALARM, "SpO2 low"));

        assertThat(f.audited("DEVICE_IDENTITY_CHANGED")).isEmpty();
        assertThat(f.audited("DEVICE_NOT_ALLOWED")).singleElement()
                .satisfies(r -> assertThat(r.event().detail()).contains("has not identified itself yet"));
        assertThat(f.engine.pending()).as("an approved port is no approval request").isEmpty();
        assertThat(f.sealer.of(BARE_PORT)).isEmpty();
        // The events of the allowed device reach the observers; the unidentified CONNECTED does not.
        assertThat(seen).extracting(DeviceEvent::kind).containsExactly(DeviceEvent.Kind.IDENTIFIED,
                DeviceEvent.Kind.ALARM);
    }

    @Test
    void anotherDeviceOnAnApprovedPortIsStillAPossibleSwap() {
        f.engine.report(event(MONITOR.withReported("MX450", "FAKE0001"), DeviceEvent.Kind.IDENTIFIED, "learned"));
        assertThat(f.audited("DEVICE_IDENTITY_CHANGED")).singleElement()
                .satisfies(r -> assertThat(r.event().detail()).startsWith("possible device swap"));
    }

    @Test
    void aPendingDeviceShowsTheMetricsItSentAndWhereItStands() {
        f.engine.submit(spo2(STRANGER, 97));
        f.engine.report(event(STRANGER, DeviceEvent.Kind.ALARM, "not passed on: not allowed"));
        assertThat(f.engine.pending()).singleElement().satisfies(p -> {
            assertThat(p.sighting().details()).containsEntry(PendingDevice.METRICS, "150456");
            assertThat(p.sighting().location()).isEqualTo(Fixture.BED_12);
        });
    }
}
