package io.wardgate.policy.internal;

import static io.wardgate.policy.internal.Fixture.spo2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Transport;
import io.wardgate.policy.api.PendingDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network devices (io.wardgate.network): an entry names the device-side address with the identity the
 * device reports there. Another identity at that address, or that identity at another address, is held
 * and audited as a possible swap; an approved address that has not said who it is yet is not.
 */
class NetworkDevicePolicyTest {
    static final DeviceIdentity MONITOR = new DeviceIdentity(Transport.NETWORK, "198.51.100.17", "M8007A",
            "DE12345678", "0009FB0977BD0001");

    @TempDir
    Path dir;
    Fixture f;

    @BeforeEach
    void start() throws Exception {
        f = new Fixture(dir);
        f.engine.submit(spo2(MONITOR, 97));
        assertThat(f.engine.pending()).singleElement().extracting(PendingDevice::reason).asString()
                .isEqualTo("not on the allowlist");
        f.engine.approve(MONITOR.id(), "icu-monitors", "user:alice");
    }

    @AfterEach
    void stop() throws IOException {
        f.close();
    }

    @Test
    void theApprovedIdentityAtItsAddressIsAllowed() {
        f.engine.submit(spo2(MONITOR, 96));
        await().atMost(Duration.ofSeconds(5)).until(() -> f.sealer.readingsOf(MONITOR) == 1);
        assertThat(f.audited("DEVICE_IDENTITY_CHANGED")).isEmpty();
    }

    @Test
    void theApprovedIdentityAtAnotherAddressIsAPossibleSwap() {
        DeviceIdentity moved = new DeviceIdentity(Transport.NETWORK, "198.51.100.99", MONITOR.model(),
                MONITOR.serialNumber(), MONITOR.eui64());
        f.engine.submit(spo2(moved, 95));

        assertThat(f.sealer.of(moved)).isEmpty();
        assertThat(f.audited("DEVICE_IDENTITY_CHANGED")).singleElement().satisfies(r -> assertThat(r.event().detail())
                .startsWith("possible device swap: approved model 'M8007A' serial 'DE12345678'")
                .contains("at 198.51.100.17, now reporting from 198.51.100.99"));
        assertThat(f.engine.pending()).singleElement().satisfies(p -> assertThat(p.sighting().identity()).isEqualTo(moved));
    }

    @Test
    void anotherIdentityAtTheApprovedAddressIsAPossibleSwap() {
        DeviceIdentity other = MONITOR.withReported("M8007A", "DE00000666").withEui64("");
        f.engine.submit(spo2(other, 95));

        assertThat(f.sealer.of(other)).isEmpty();
        assertThat(f.audited("DEVICE_IDENTITY_CHANGED")).singleElement().satisfies(r -> assertThat(r.event().detail())
                .startsWith("possible device swap").contains("reported model 'M8007A' serial 'DE00000666'"));
    }

    @Test
    void anApprovedAddressNotIdentifiedYetIsNoSwap() {
        f.engine.report(new DeviceEvent(DeviceIdentity.at(Transport.NETWORK, MONITOR.address()),
                DeviceEvent.Kind.CONNECTED, Instant.now(), "first datagram"));
        f.engine.submit(spo2(DeviceIdentity.at(Transport.NETWORK, MONITOR.address()), 94));
        assertThat(f.audited("DEVICE_IDENTITY_CHANGED")).isEmpty();
        assertThat(f.engine.pending()).singleElement().extracting(PendingDevice::reason).asString()
                .isEqualTo("not identified yet at approved address 198.51.100.17");
    }
}
