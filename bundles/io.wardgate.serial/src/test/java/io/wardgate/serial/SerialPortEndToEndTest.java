package io.wardgate.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Location;
import io.wardgate.api.Observation;
import io.wardgate.api.Transport;
import io.wardgate.driver.masimo.sim.MasimoRadical;
import io.wardgate.sim.SimulatorRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serial port component as a plain object, reading simulated devices on real pseudo-terminals
 * through real jSerialComm. Each device sits behind a symbolic link, as behind a udev stable name.
 */
class SerialPortEndToEndTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final int PER_LINE = 8;

    @TempDir
    Path dir;

    private final RecordingIntake intake = new RecordingIntake();
    private final List<SimulatorRunner> runners = new ArrayList<>();
    private final List<SerialPortComponent> components = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        components.forEach(SerialPortComponent::deactivate);
        runners.forEach(SimulatorRunner::close);
    }

    private static MasimoRadical radical(String serialNumber) {
        return new MasimoRadical(serialNumber, serialNumber.hashCode(), Duration.ofMillis(100), ZoneId.systemDefault());
    }

    private SimulatorRunner plugged(MasimoRadical device, Path link) throws Exception {
        SimulatorRunner runner = SimulatorRunner.plugged(device, link);
        runners.add(runner);
        return runner;
    }

    private static PortSettings settings(Path link, Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(
                Map.of("silenceTimeoutSeconds", 1, "reconnectMinMillis", 50, "reconnectMaxMillis", 200));
        values.putAll(overrides);
        return PortSettings.from(Configs.masimo(link.toString(), values));
    }

    private SerialPortComponent port(PortSettings settings) {
        SerialPortComponent component = new SerialPortComponent(intake, Configs.drivers(), settings, JSerialCommLine::open,
                Clock.systemUTC(), new SplittableRandom(1)::nextDouble);
        components.add(component);
        return component;
    }

    private record NoisyAndQuiet(SimulatorRunner noisyRunner, String noisyPath, String quietPath) {
    }

    /** Two ports: bed-N sends garbage as fast as the line takes it, bed-M a monitor's normal lines. */
    private NoisyAndQuiet noisyNextToQuiet(int noisyBed, int quietBed) throws Exception {
        Path noisyLink = dir.resolve("bed-" + noisyBed);
        Path quietLink = dir.resolve("bed-" + quietBed);
        MasimoRadical noisy = radical(String.format("RAD%04d", noisyBed));
        noisy.mode(MasimoRadical.Mode.GARBAGE);
        SimulatorRunner noisyRunner = plugged(noisy, noisyLink);
        plugged(radical(String.format("RAD%04d", quietBed)), quietLink);
        port(settings(noisyLink, Map.of()));
        port(settings(quietLink, Map.of("bed", Integer.toString(quietBed))));
        return new NoisyAndQuiet(noisyRunner, noisyLink.toString(), quietLink.toString());
    }

    private void awaitLines(String path, int lines) {
        int target = intake.observationsFrom(path).size() + lines * PER_LINE;
        await().atMost(DEADLINE).until(() -> intake.observationsFrom(path).size() >= target);
    }

    @Test
    void readingsArriveWithTheReportedIdentityAndTheConfiguredLocation() throws Exception {
        Path link = dir.resolve("bed-12");
        plugged(radical("RAD0001"), link);
        port(settings(link, Map.of()));
        String path = link.toString();

        awaitLines(path, 3);

        DeviceIdentity expected = new DeviceIdentity(Transport.SERIAL, path, "", "RAD0001", "");
        assertThat(intake.kindsFrom(path)).startsWith(DeviceEvent.Kind.CONNECTED, DeviceEvent.Kind.IDENTIFIED);
        assertThat(intake.eventsFrom(path).get(0).detail()).isEqualTo(
                "opened " + path + " at 9600 8N1, protocol masimo");
        assertThat(intake.eventsFrom(path).get(1).device()).isEqualTo(expected);
        assertThat(intake.eventsFrom(path).get(1).detail()).startsWith("learned model '', serial number 'RAD0001'");
        assertThat(intake.submittedFrom(path)).allSatisfy(batch -> {
            assertThat(batch.device()).isEqualTo(expected);
            assertThat(batch.location()).isEqualTo(new Location("st-marys", "icu-2", "12"));
        });
        assertThat(intake.observationsFrom(path)).allSatisfy(o -> {
            assertThat(o.deviceTime()).isBetween(o.receivedAt().minusSeconds(5), o.receivedAt().plusSeconds(5));
        });
        assertThat(intake.observationsFrom(path)).filteredOn(o -> o.metric().referenceId().equals("MDC_PULS_OXIM_SAT_O2"))
                .hasSizeGreaterThanOrEqualTo(3).allSatisfy(o -> assertThat(o.value()).isNotNull());
        assertThat(intake.count(path, DeviceEvent.Kind.MALFORMED_INPUT)).isZero();
    }

    @Test
    void unplugThenReplugReportsDisconnectedThenConnectedAndReadingsResume() throws Exception {
        Path link = dir.resolve("bed-3");
        SimulatorRunner runner = plugged(radical("RAD0003"), link);
        port(settings(link, Map.of()));
        String path = link.toString();
        awaitLines(path, 2);

        runner.unplug();
        await().atMost(DEADLINE).until(() -> intake.count(path, DeviceEvent.Kind.DISCONNECTED) == 1);
        assertThat(intake.eventsFrom(path).get(intake.eventsFrom(path).size() - 1).detail()).startsWith("line lost: ");

        Instant replugged = Instant.now();
        runner.replug();
        await().atMost(DEADLINE).until(() -> intake.count(path, DeviceEvent.Kind.CONNECTED) == 2);
        await().atMost(DEADLINE).until(() -> intake.observationsFrom(path).stream()
                .filter(o -> o.receivedAt().isAfter(replugged)).count() >= 2 * PER_LINE);

        assertThat(intake.kindsFrom(path)).containsSubsequence(DeviceEvent.Kind.CONNECTED, DeviceEvent.Kind.IDENTIFIED,
                DeviceEvent.Kind.DISCONNECTED, DeviceEvent.Kind.CONNECTED, DeviceEvent.Kind.IDENTIFIED);
        assertThat(intake.count(path, DeviceEvent.Kind.IDENTIFIED)).as("identity re-learned after the replug").isEqualTo(2);
    }

    @Test
    void aSilentDeviceIsReportedOncePerSilence() throws Exception {
        Path link = dir.resolve("bed-4");
        MasimoRadical device = radical("RAD0004");
        plugged(device, link);
        port(settings(link, Map.of("silenceTimeoutSeconds", 1)));
        String path = link.toString();
        awaitLines(path, 2);
        assertThat(intake.count(path, DeviceEvent.Kind.SILENT)).isZero();

        device.mode(MasimoRadical.Mode.SILENT);
        await().atMost(DEADLINE).until(() -> intake.count(path, DeviceEvent.Kind.SILENT) == 1);
        assertThat(intake.eventsFrom(path).stream().filter(e -> e.kind() == DeviceEvent.Kind.SILENT).findFirst())
                .get().extracting(DeviceEvent::detail).isEqualTo("no data for 1 s");

        device.mode(MasimoRadical.Mode.NORMAL);
        awaitLines(path, 2);
        assertThat(intake.count(path, DeviceEvent.Kind.SILENT)).isEqualTo(1);
        assertThat(intake.count(path, DeviceEvent.Kind.DISCONNECTED)).as("silence is not a disconnection").isZero();
    }

    @Test
    void garbageAtFullSpeedOnOnePortDoesNotStopAnotherPortsReadings() throws Exception {
        NoisyAndQuiet ports = noisyNextToQuiet(5, 6);
        SimulatorRunner noisyRunner = ports.noisyRunner();
        String noisyPath = ports.noisyPath();
        String quietPath = ports.quietPath();

        await().atMost(DEADLINE).until(() -> intake.count(noisyPath, DeviceEvent.Kind.MALFORMED_INPUT) >= 1);
        Instant floodStart = Instant.now();
        long sentAtStart = noisyRunner.bytesSent();
        int quietAtStart = intake.observationsFrom(quietPath).size();

        // The quiet port keeps getting its lines while a quarter of a megabyte of garbage is read next door.
        await().atMost(DEADLINE).until(() -> noisyRunner.bytesSent() - sentAtStart >= 256 * 1024
                && intake.observationsFrom(quietPath).size() - quietAtStart >= 5 * PER_LINE);

        Duration flood = Duration.between(floodStart, Instant.now());
        assertThat(intake.submittedFrom(noisyPath)).as("garbage never becomes readings").isEmpty();
        assertThat(intake.count(noisyPath, DeviceEvent.Kind.MALFORMED_INPUT))
                .as("malformed input is rate-limited to one event per 10 s").isLessThanOrEqualTo(2 + flood.toSeconds() / 10);
        assertThat(intake.count(noisyPath, DeviceEvent.Kind.DISCONNECTED)).isZero();
        assertThat(intake.observationsFrom(quietPath)).allSatisfy(o -> assertThat(o.status()).isEmpty());
        assertThat(intake.count(quietPath, DeviceEvent.Kind.MALFORMED_INPUT)).isZero();
    }

    @Test
    void aConfigurationChangeReopensThePortWithTheNewSettings() throws Exception {
        Path link = dir.resolve("bed-7");
        plugged(radical("RAD0007"), link);
        SerialPortComponent component = port(settings(link, Map.of("bed", "7")));
        String path = link.toString();
        awaitLines(path, 2);

        component.modified(settings(link, Map.of("bed", "7b", "expectedSerialNumber", "RAD9999")));
        await().atMost(DEADLINE).until(() -> intake.count(path, DeviceEvent.Kind.CONNECTED) == 2);
        await().atMost(DEADLINE).until(() -> intake.submittedFrom(path).stream()
                .anyMatch(batch -> batch.location().bed().equals("7b")));

        assertThat(intake.eventsFrom(path)).filteredOn(e -> e.kind() == DeviceEvent.Kind.DISCONNECTED).singleElement()
                .extracting(DeviceEvent::detail).isEqualTo("port closed: configuration changed");
        assertThat(intake.eventsFrom(path)).filteredOn(e -> e.kind() == DeviceEvent.Kind.IDENTIFIED).last()
                .extracting(DeviceEvent::detail).asString().startsWith("IDENTITY MISMATCH, possible device swap: "
                        + "expected serial number 'RAD9999', reported 'RAD0007'");
        List<DeviceReadings> batches = intake.submittedFrom(path);
        int firstNew = batches.indexOf(batches.stream().filter(b -> b.location().bed().equals("7b")).findFirst().get());
        assertThat(batches.subList(firstNew, batches.size())).allMatch(b -> b.location().bed().equals("7b"));
        assertThat(component.settings().location().bed()).isEqualTo("7b");
        assertThat(component.isRunning()).isTrue();
    }

    @Test
    void aPortWhoseDeviceIsNotThereYetConnectsWhenItAppears() throws Exception {
        Path link = dir.resolve("bed-8");
        port(settings(link, Map.of()));
        String path = link.toString();
        await().during(Duration.ofMillis(500)).atMost(DEADLINE)
                .until(() -> intake.count(path, DeviceEvent.Kind.CONNECTED) == 0);

        plugged(radical("RAD0008"), link);
        awaitLines(path, 2);
        assertThat(intake.kindsFrom(path)).startsWith(DeviceEvent.Kind.CONNECTED, DeviceEvent.Kind.IDENTIFIED);
    }

    @Test
    void deactivationClosesThePortAndEndsItsThread() throws Exception {
        Path link = dir.resolve("bed-9");
        plugged(radical("RAD0009"), link);
        SerialPortComponent component = port(settings(link, Map.of()));
        String path = link.toString();
        awaitLines(path, 1);

        component.deactivate();
        components.remove(component);
        assertThat(component.isRunning()).isFalse();
        assertThat(intake.eventsFrom(path)).last().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(DeviceEvent.Kind.DISCONNECTED);
            assertThat(e.detail()).isEqualTo("port closed: configuration removed or gateway stopping");
        });
        int after = intake.observationsFrom(path).size();
        await().during(Duration.ofMillis(500)).atMost(DEADLINE)
                .until(() -> intake.observationsFrom(path).size() == after);
        List<Observation> all = intake.observationsFrom(path);
        assertThat(all).hasSize(after);
    }

    /**
     * S20 sustained: garbage at the pty's full speed on one port for minutes (150 s by default,
     * -Dwardgate.flood.seconds to change; within about 3 minutes on purpose), measured in 10-second
     * windows: the other port's readings arrive in every window, and the heap retained after a
     * collection stays bounded and does not grow. Figures are data for the assertions, not speed
     * claims (re-measure on a quiet machine before quoting them).
     */
    @Test
    void minutesOfGarbageOnOnePortKeepTheHeapBoundedAndTheOtherPortDelivering() throws Exception {
        Duration length = Duration.ofSeconds(Long.getLong("wardgate.flood.seconds", 150));
        NoisyAndQuiet ports = noisyNextToQuiet(8, 9);
        SimulatorRunner noisyRunner = ports.noisyRunner();
        String quietPath = ports.quietPath();
        awaitLines(quietPath, 1);
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        List<Long> retainedMiB = new ArrayList<>();
        List<Integer> quietPerWindow = new ArrayList<>();
        long sentAtStart = noisyRunner.bytesSent();
        Instant end = Instant.now().plus(length);
        while (Instant.now().isBefore(end)) {
            int before = intake.observationsFrom(quietPath).size();
            Instant windowEnd = Instant.now().plusSeconds(10);
            // A window: at least one reading of the quiet port, and the window's time passed.
            await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(30))
                    .until(() -> Instant.now().isAfter(windowEnd) && intake.observationsFrom(quietPath).size() > before);
            quietPerWindow.add(intake.observationsFrom(quietPath).size() - before);
            System.gc();
            retainedMiB.add(memory.getHeapMemoryUsage().getUsed() >> 20);
        }
        long garbageMiB = (noisyRunner.bytesSent() - sentAtStart) >> 20;
        String data = "garbage sent: " + garbageMiB + " MiB; quiet readings per 10 s: " + quietPerWindow
                + "; heap retained (MiB): " + retainedMiB;
        assertThat(quietPerWindow).as(data).hasSizeGreaterThanOrEqualTo((int) (length.toSeconds() / 10) - 1)
                .allMatch(n -> n >= PER_LINE);
        assertThat(garbageMiB).as(data).isPositive();
        assertThat(retainedMiB).as(data).allMatch(mib -> mib < 192);
        assertThat(retainedMiB.get(retainedMiB.size() - 1)).as(data).isLessThanOrEqualTo(retainedMiB.get(0) + 32);
        assertThat(intake.submittedFrom(ports.noisyPath())).as("garbage never becomes readings").isEmpty();
        assertThat(intake.count(ports.noisyPath(), DeviceEvent.Kind.DISCONNECTED)).isZero();
    }
}
