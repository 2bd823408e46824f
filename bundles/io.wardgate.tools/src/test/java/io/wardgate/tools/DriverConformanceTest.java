package io.wardgate.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.GattDriver;
import io.wardgate.api.driver.NetworkDriver;
import io.wardgate.api.driver.Peer;
import io.wardgate.api.driver.ProtocolNames;
import io.wardgate.api.driver.SerialDriver;
import io.wardgate.sim.Conversation;
import io.wardgate.sim.Discovered;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What every protocol bundle must bring (docs/architecture.md, "Adding a device protocol"): a driver
 * found through ServiceLoader, a simulator that talks to it, a fuzz test with a checked-in corpus,
 * and its place in the driver list and the appliance. Walks bundles/io.wardgate.driver.* of this
 * checkout, so a new bundle that lacks one of them fails the build here.
 */
class DriverConformanceTest {
    private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
    private static final Path BUNDLES = Path.of("..").toAbsolutePath().normalize();

    private static List<SerialDriver> serialDrivers() {
        return ServiceLoader.load(SerialDriver.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    @Test
    void everySerialDriverHasASimulatorThatItDecodesWithoutErrors() {
        assertThat(serialDrivers()).extracting(SerialDriver::protocol)
                .contains("intellivue", "masimo", "nonin-df7", "nonin-df8");
        for (SerialDriver driver : serialDrivers()) {
            String protocol = driver.protocol();
            Conversation conversation = Conversation.run(driver.openSession(),
                    Discovered.simulator(protocol, 42).orElseThrow(() -> new AssertionError("no simulator for " + protocol)),
                    START, Duration.ofSeconds(10), Duration.ofMillis(10));
            assertThat(conversation.capture()).as(protocol + " capture").isNotEmpty();
            assertThat(conversation.decoded()).as(protocol + " readings")
                    .anyMatch(d -> d instanceof Decoded.ReadingDecoded);
            assertThat(conversation.decoded()).as(protocol + " framing errors")
                    .noneMatch(d -> d instanceof Decoded.FramingError);
        }
    }

    @Test
    void everyNetworkDriverWithASimulatorDecodesItWithoutErrors() {
        List<String> simulated = Discovered.simulatedProtocols();
        List<NetworkDriver> drivers = ServiceLoader.load(NetworkDriver.class).stream().map(ServiceLoader.Provider::get)
                .filter(d -> simulated.contains(d.protocol())).toList();
        assertThat(drivers).extracting(NetworkDriver::protocol).contains("hl7");
        for (NetworkDriver driver : drivers) {
            String protocol = driver.protocol();
            Conversation conversation = Conversation.run(driver.openSession(new Peer("192.0.2.17", 40000)),
                    Discovered.simulator(protocol, 42).orElseThrow(() -> new AssertionError("no simulator for " + protocol)),
                    START, Duration.ofSeconds(10), Duration.ofMillis(10));
            assertThat(conversation.decoded()).as(protocol + " readings")
                    .anyMatch(d -> d instanceof Decoded.ReadingDecoded);
            assertThat(conversation.decoded()).as(protocol + " framing errors")
                    .noneMatch(d -> d instanceof Decoded.FramingError);
        }
    }

    @Test
    void protocolNamesAreWellFormedAndUnique() {
        List<String> names = new ArrayList<>(serialDrivers().stream().map(SerialDriver::protocol).toList());
        ServiceLoader.load(GattDriver.class).forEach(driver -> names.add(driver.protocol()));
        ServiceLoader.load(NetworkDriver.class).forEach(driver -> names.add(driver.protocol()));
        assertThat(names).allMatch(ProtocolNames::isValid).doesNotHaveDuplicates();
        assertThat(Discovered.simulatedProtocols()).isSubsetOf(names);
    }

    @Test
    void everyDriverBundleHasItsDriverSimulatorFuzzTestCorpusAndPlaces() throws IOException {
        List<Path> bundles;
        try (Stream<Path> all = Files.list(BUNDLES)) {
            bundles = all.filter(p -> p.getFileName().toString().startsWith("io.wardgate.driver.")).sorted().toList();
        }
        assertThat(bundles).extracting(p -> p.getFileName().toString())
                .contains("io.wardgate.driver.intellivue", "io.wardgate.driver.masimo", "io.wardgate.driver.nonin",
                        "io.wardgate.driver.gatt");
        String driverList = Files.readString(BUNDLES.resolve("drivers/pom.xml"));
        String modules = Files.readString(BUNDLES.resolve("pom.xml"));
        String appliance = Files.readString(BUNDLES.resolve("../distrib/appliance/wardgate.bndrun"));
        for (Path bundle : bundles) {
            String name = bundle.getFileName().toString();
            List<String> main = sources(bundle.resolve("src/main/java"));
            List<String> tests = sources(bundle.resolve("src/test/java"));
            assertThat(main).as(name + ": a driver registered with its protocol property")
                    .anyMatch(s -> s.contains("@Component(property = DeviceDriver.PROTOCOL"));
            assertThat(main).as(name + ": an exported sim package").anyMatch(s -> s.contains("package ")
                    && s.contains(".sim;") && s.contains("@Export"));
            assertThat(tests).as(name + ": a Jazzer fuzz test").anyMatch(s -> s.contains("@FuzzTest"));
            assertThat(corpusFiles(bundle.resolve("src/test/resources"))).as(name + ": a checked-in fuzz corpus")
                    .isPositive();
            assertThat(modules).as(name + " in bundles/pom.xml").contains("<module>" + name + "</module>");
            assertThat(driverList).as(name + " in bundles/drivers/pom.xml").contains("<artifactId>" + name + "</artifactId>");
            assertThat(appliance).as(name + " in the appliance").contains("bnd.identity;id='" + name + "'");
        }
    }

    private static List<String> sources(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            List<String> texts = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                texts.add(Files.readString(file));
            }
            return texts;
        }
    }

    private static long corpusFiles(Path resources) throws IOException {
        if (!Files.isDirectory(resources)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(resources)) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().contains("FuzzTestInputs")).count();
        }
    }
}
