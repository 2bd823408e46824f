package io.wardgate.serial;

import io.wardgate.api.pipeline.ReadingIntake;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured serial port (one factory configuration of {@value PortConfig#PID}). It runs as
 * long as its configuration exists and a {@link ReadingIntake} is there; it finds the driver its
 * configuration names in the {@link SerialDriverCatalog} and waits while that driver is missing; a changed configuration
 * re-opens the port with the new settings, without restarting anything else. A configuration that
 * fails its checks is refused: on activation the component does not start; on modification the
 * port keeps running with its previous settings (and DS logs why).
 */
@Component(configurationPid = PortConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = PortConfig.class, factory = true)
public final class SerialPortComponent {
    private static final Logger LOG = LoggerFactory.getLogger(SerialPortComponent.class);

    private final ReadingIntake intake;
    private final SerialLines lines;
    private final SerialDriverCatalog drivers;
    private final Clock clock;
    private final DoubleSupplier random;
    private PortWorker worker;
    private PortSettings settings;

    @Activate
    public SerialPortComponent(@Reference ReadingIntake intake, @Reference SerialDriverCatalog drivers,
            PortConfig config) {
        this(intake, drivers, PortSettings.from(config), JSerialCommLine::open, Clock.systemUTC(),
                new SecureRandom()::nextDouble);
    }

    /** The component as a plain object: tests give it their own drivers, lines, clock and jitter. */
    SerialPortComponent(ReadingIntake intake, SerialDriverCatalog drivers, PortSettings settings, SerialLines lines,
            Clock clock, DoubleSupplier random) {
        this.intake = Objects.requireNonNull(intake, "intake");
        this.drivers = Objects.requireNonNull(drivers, "drivers");
        this.lines = Objects.requireNonNull(lines, "lines");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        start(Objects.requireNonNull(settings, "settings"));
    }

    @Modified
    void modified(PortConfig config) {
        modified(PortSettings.from(config));
    }

    /** Closes the port and opens it again with the new settings. */
    synchronized void modified(PortSettings newSettings) {
        Objects.requireNonNull(newSettings, "settings");
        worker.stop("port closed: configuration changed");
        start(newSettings);
    }

    @Deactivate
    synchronized void deactivate() {
        worker.stop("port closed: configuration removed or gateway stopping");
        LOG.info("{}: stopped", settings.path());
    }

    synchronized PortSettings settings() {
        return settings;
    }

    synchronized boolean isRunning() {
        return worker.isRunning();
    }

    private synchronized void start(PortSettings newSettings) {
        settings = newSettings;
        worker = new PortWorker(newSettings, intake, lines, drivers, clock, random);
        worker.start();
        LOG.info("{}: started ({}, protocol {}, {})", newSettings.path(), newSettings.line(), newSettings.protocol(),
                newSettings.location());
    }
}
