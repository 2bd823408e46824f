package io.wardgate.driver.intellivue;

import aQute.bnd.annotation.Resolution;
import aQute.bnd.annotation.spi.ServiceProvider;
import io.wardgate.api.driver.DeviceDriver;
import io.wardgate.api.driver.NetworkDriver;
import io.wardgate.api.driver.NetworkEndpoint;
import io.wardgate.api.driver.Peer;
import io.wardgate.api.driver.ProtocolSession;
import org.osgi.service.component.annotations.Component;

/**
 * Philips IntelliVue Data Export over LAN, host side ("intellivue-lan"): listen on UDP 24005 for the
 * monitors' connect indications, talk to each monitor's Data Export port 24105 (docs/devices.md).
 */
@Component(property = DeviceDriver.PROTOCOL + "=" + IntelliVueLanDriver.NAME)
@ServiceProvider(value = NetworkDriver.class, resolution = Resolution.OPTIONAL)
public final class IntelliVueLanDriver implements NetworkDriver {
    public static final String NAME = "intellivue-lan";

    @Override
    public String protocol() {
        return NAME;
    }

    @Override
    public String description() {
        return "Philips IntelliVue MP/MX monitors, Data Export over LAN (UDP; numerics, waves, identity, alerts)";
    }

    @Override
    public NetworkEndpoint endpoint() {
        return new NetworkEndpoint(NetworkEndpoint.Transport.UDP, NetworkEndpoint.Role.LISTEN,
                LanIds.CONNECT_INDICATION_PORT, NetworkEndpoint.Framing.DATAGRAM, LanIds.PROTOCOL_PORT);
    }

    @Override
    public ProtocolSession openSession(Peer peer) {
        return new LanSession(peer);
    }
}
