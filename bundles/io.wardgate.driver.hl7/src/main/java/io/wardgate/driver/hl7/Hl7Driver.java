package io.wardgate.driver.hl7;

import aQute.bnd.annotation.Resolution;
import aQute.bnd.annotation.spi.ServiceProvider;
import io.wardgate.api.driver.DeviceDriver;
import io.wardgate.api.driver.NetworkDriver;
import io.wardgate.api.driver.NetworkEndpoint;
import io.wardgate.api.driver.Peer;
import io.wardgate.api.driver.ProtocolSession;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * HL7 v2 over MLLP, inbound ("hl7"): the gateway listens on TCP (device-side interface only) and each
 * connection gets an {@link Hl7Session}. Outside OSGi (ServiceLoader: the decode tool, tests) the
 * defaults apply; inside, the configuration {@value Hl7Config#PID} sets port, size limit and mapping
 * table, and a bad configuration keeps the driver from starting (its log says why).
 */
@Component(property = DeviceDriver.PROTOCOL + "=" + Hl7Driver.NAME, configurationPid = Hl7Config.PID)
@Designate(ocd = Hl7Config.class)
@ServiceProvider(value = NetworkDriver.class, resolution = Resolution.OPTIONAL)
public final class Hl7Driver implements NetworkDriver {
    public static final String NAME = "hl7";
    public static final int DEFAULT_PORT = 2575;
    public static final int DEFAULT_MAX_MESSAGE = 256 * 1024;

    private final int port;
    private final int maxMessageBytes;
    private final CodeTable table;
    private final ZoneId zone;

    /** The defaults: port 2575, 256 KiB, no mapping table, UTC. */
    public Hl7Driver() {
        this(DEFAULT_PORT, DEFAULT_MAX_MESSAGE, List.of(), ZoneOffset.UTC);
    }

    @Activate
    public Hl7Driver(Hl7Config config) {
        this(config.port(), config.maxMessageBytes(), List.of(config.mappings()), zone(config.timeZone()));
    }

    Hl7Driver(int port, int maxMessageBytes, List<String> mappings, ZoneId zone) {
        if (maxMessageBytes < 1024 || maxMessageBytes > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be 1024 to 16777216");
        }
        this.port = port;
        this.maxMessageBytes = maxMessageBytes;
        this.table = CodeTable.parse(mappings);
        this.zone = Objects.requireNonNull(zone, "zone");
        endpoint(); // checks the port
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timeZone '" + Printable.of(id, 40) + "' is not a zone id", e);
        }
    }

    @Override
    public String protocol() {
        return NAME;
    }

    @Override
    public String description() {
        return "HL7 v2 over MLLP, inbound: ORU^R01 (IHE PCD-01, v2.3 to v2.6) from monitors and gateways,"
                + " answered ACK/NAK";
    }

    @Override
    public NetworkEndpoint endpoint() {
        return new NetworkEndpoint(NetworkEndpoint.Transport.TCP, NetworkEndpoint.Role.LISTEN, port,
                NetworkEndpoint.Framing.STREAM);
    }

    @Override
    public ProtocolSession openSession(Peer peer) {
        Objects.requireNonNull(peer, "peer");
        return new Hl7Session(maxMessageBytes, new OruReader(new Terms(table), zone));
    }
}
