package io.wardgate.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A source's protocol is one of the installed drivers of its kind (issue #23: it was free text). */
class DriverChoicesTest {
    static final String PORT = "io.wardgate.serial.Port";

    @Test
    void serialPortsChooseAmongSerialDriversNetworkSourcesAmongNetworkDrivers() {
        DriverChoices drivers = new DriverChoices();
        Object masimo = new Object();
        drivers.add(masimo, DriverChoices.Kind.SERIAL, "masimo");
        drivers.add(new Object(), DriverChoices.Kind.SERIAL, "nonin");
        drivers.add(new Object(), DriverChoices.Kind.NETWORK, "intellivue-lan");
        drivers.add(new Object(), DriverChoices.Kind.SERIAL, null); // no wardgate.protocol: not a choice

        assertThat(drivers.choices(PORT, "protocol")).contains(java.util.List.of("masimo", "nonin"));
        assertThat(drivers.choices("io.wardgate.network.Source", "protocol")).contains(java.util.List.of("intellivue-lan"));
        assertThat(drivers.choices(PORT, "path")).isEmpty();
        assertThat(drivers.choices("io.wardgate.uplink.Uplink", "protocol")).isEmpty();

        drivers.remove(masimo);
        assertThat(drivers.choices(PORT, "protocol")).contains(java.util.List.of("nonin"));
    }

    @Test
    void savingAProtocolWithoutItsDriverIsRefusedWithTheChoices() {
        DriverChoices drivers = new DriverChoices();
        drivers.add(new Object(), DriverChoices.Kind.SERIAL, "masimo");
        drivers.add(new Object(), DriverChoices.Kind.SERIAL, "nonin");
        Map<String, Object> values = new HashMap<>(Map.of("path", "/dev/wardgate/bed-12", "protocol", "masimo-typo"));

        assertThat(ConfigApi.unknownDriver(drivers, PORT, values, Optional.empty()))
                .contains("choose an installed driver: masimo, nonin");
        values.put("protocol", "nonin");
        assertThat(ConfigApi.unknownDriver(drivers, PORT, values, Optional.empty())).isEmpty();
        values.remove("protocol"); // not sent: the stored value stays, nothing to check
        assertThat(ConfigApi.unknownDriver(drivers, PORT, values, Optional.empty())).isEmpty();
        assertThat(ConfigApi.unknownDriver(new DriverChoices(), PORT, Map.of("protocol", "masimo"), Optional.empty()))
                .contains("no driver is installed for this kind of source");
    }
}
