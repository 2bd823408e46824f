package io.wardgate.api.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The driver SPI's values check what they hold, so a driver cannot describe an impossible line or endpoint. */
class DriverValuesTest {

    @Test
    void protocolNamesAreShortLowerCaseWords() {
        assertThat(ProtocolNames.isValid("intellivue")).isTrue();
        assertThat(ProtocolNames.isValid("nonin-df8")).isTrue();
        assertThat(ProtocolNames.isValid("a".repeat(32))).isTrue();
        assertThat(ProtocolNames.isValid("a".repeat(33))).isFalse();
        assertThat(ProtocolNames.isValid("-masimo")).isFalse();
        assertThat(ProtocolNames.isValid("Masimo")).isFalse();
        assertThat(ProtocolNames.isValid("masimo/../x")).isFalse();
        assertThat(ProtocolNames.isValid("")).isFalse();
        assertThat(ProtocolNames.isValid(null)).isFalse();
    }

    @Test
    void lineSettingsStayWithinWhatAUartDoes() {
        assertThat(LineSettings.eightNOne(115_200)).hasToString("115200 8N1");
        assertThat(new LineSettings(19_200, 8, Parity.EVEN, StopBits.ONE, FlowControl.RTS_CTS))
                .hasToString("19200 8E1 RTS_CTS");
        assertThatThrownBy(() -> new LineSettings(49, 8, Parity.NONE, StopBits.ONE, FlowControl.NONE))
                .hasMessageContaining("baudRate");
        assertThatThrownBy(() -> new LineSettings(9600, 9, Parity.NONE, StopBits.ONE, FlowControl.NONE))
                .hasMessageContaining("dataBits");
    }

    @Test
    void networkEndpointsPairTransportAndFraming() {
        NetworkEndpoint mllp = new NetworkEndpoint(NetworkEndpoint.Transport.TCP, NetworkEndpoint.Role.LISTEN, 2575,
                NetworkEndpoint.Framing.STREAM);
        assertThat(mllp.port()).isEqualTo(2575);
        assertThat(new NetworkEndpoint(NetworkEndpoint.Transport.UDP, NetworkEndpoint.Role.LISTEN, 24105,
                NetworkEndpoint.Framing.DATAGRAM).framing()).isEqualTo(NetworkEndpoint.Framing.DATAGRAM);
        assertThatThrownBy(() -> new NetworkEndpoint(NetworkEndpoint.Transport.UDP, NetworkEndpoint.Role.LISTEN,
                24105, NetworkEndpoint.Framing.STREAM)).hasMessageContaining("DATAGRAM");
        assertThatThrownBy(() -> new NetworkEndpoint(NetworkEndpoint.Transport.TCP, NetworkEndpoint.Role.CONNECT,
                0, NetworkEndpoint.Framing.STREAM)).hasMessageContaining("port");
    }

    @Test
    void peersAreAddressesNotNames() {
        assertThat(new Peer("192.0.2.17", 24105).address()).isEqualTo("192.0.2.17");
        assertThat(new Peer("2001:db8::17", 0).port()).isZero();
        assertThatThrownBy(() -> new Peer("monitor 1; rm", 1)).hasMessageContaining("address");
        assertThatThrownBy(() -> new Peer("192.0.2.17", 65_536)).hasMessageContaining("port");
    }

    @Test
    void gattUuidsInEveryFormBlueZAndUsersWrite() {
        assertThat(GattUuids.shortUuid("2a37")).contains("2A37");
        assertThat(GattUuids.shortUuid("0x2A37")).contains("2A37");
        assertThat(GattUuids.shortUuid("00002A5F-0000-1000-8000-00805F9B34FB")).contains("2A5F");
        assertThat(GattUuids.shortUuid("0000180d-0000-1000-8000-00805f9b34fc")).isEmpty();
        assertThat(GattUuids.shortUuid(null)).isEmpty();
        assertThat(GattUuids.fullUuid("180D")).isEqualTo("0000180d-0000-1000-8000-00805f9b34fb");
    }
}
