package io.wardgate.bench.load;

import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Location;
import io.wardgate.api.pipeline.Outbox;
import io.wardgate.api.pipeline.OutboxStatus;
import io.wardgate.api.pipeline.ReadingIntake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark's in-process source: N local devices submitting to {@link ReadingIntake} (the entry
 * point the serial and BLE drivers use) on a fixed schedule, for a fixed time. Every 250 ms, until it
 * is deactivated, it appends a line to the stats file: readings generated so far, whether the load is
 * done, and the outbox depth (when an outbox runs).
 * Benchmark only: it lives in benchmarks/, not in any product bndrun.
 */
@Component(configurationPid = LoadSource.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = LoadConfig.class)
public final class LoadSource {
    static final String PID = "io.wardgate.bench.LoadSource";
    private static final Logger LOG = LoggerFactory.getLogger(LoadSource.class);
    private static final long STATS_MILLIS = 250;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Outbox outbox;

    private final ReadingIntake intake;
    private final LoadConfig config;
    private final Path stats;
    private final AtomicLong generated = new AtomicLong();
    private final AtomicLong submissions = new AtomicLong();
    private final Thread generator;
    private final Thread reporter;
    private volatile boolean running = true;
    private volatile boolean done;
    private volatile long firstSubmitMillis;

    @Activate
    public LoadSource(@Reference ReadingIntake intake, LoadConfig config) {
        this.intake = intake;
        this.config = config;
        this.stats = Path.of(config.statsFile());
        this.generator = new Thread(this::generate, "wardgate-bench-load");
        this.reporter = new Thread(this::report, "wardgate-bench-stats");
        generator.setDaemon(true);
        reporter.setDaemon(true);
        generator.start();
        reporter.start();
        LOG.info("Benchmark load source: {} devices, {} readings/s, {} s", config.devices(),
                config.readingsPerSecond(), config.durationSeconds());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        running = false;
        generator.interrupt();
        generator.join(5000);
        reporter.join(5000);
    }

    private void generate() {
        Location location = new Location(config.site(), config.ward(), "bench");
        double perDevice = (double) config.readingsPerSecond() / config.devices();
        List<WardProfile> devices = new ArrayList<>(config.devices());
        for (int i = 0; i < config.devices(); i++) {
            String address = String.format("%s%03d", config.addressPrefix(), i + 1);
            devices.add(new WardProfile(address, new Location(location.site(), location.ward(),
                    String.format("bed-%03d", i + 1)), perDevice, config.numericsPerDevicePerSecond(),
                    config.tickMillis()));
        }
        long tickNanos = TimeUnit.MILLISECONDS.toNanos(config.tickMillis());
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(config.durationSeconds());
        long[] counted = new long[1];
        long next = start;
        BenchAlarms alarms = new BenchAlarms(intake, devices.get(0).identity(), new Location(config.site(), config.ward(), "bed-001"),
                config.alarmEveryMillis(), start);
        try {
            while (running && next < end) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                Instant now = Instant.now();
                for (WardProfile device : devices) {
                    DeviceReadings readings = device.tick(now, counted);
                    if (readings != null) {
                        intake.submit(readings);
                        generated.addAndGet(counted[0]);
                        submissions.incrementAndGet();
                        if (firstSubmitMillis == 0) {
                            firstSubmitMillis = now.toEpochMilli();
                        }
                    }
                }
                alarms.maybeRaise(System.nanoTime(), now);
                next += tickNanos;
            }
        } finally {
            done = true;
        }
    }

    /** Reports until the component goes away: after the load the outbox depth still shows a drain. */
    private void report() {
        while (running) {
            line();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(STATS_MILLIS));
        }
    }

    private void line() {
        Outbox box = outbox;
        OutboxStatus status = null;
        try {
            status = box == null ? null : box.status();
        } catch (RuntimeException e) {
            // the outbox is going away; report no depth this time
        }
        String text = "{\"t\":" + System.currentTimeMillis() + ",\"generated\":" + generated.get() + ",\"submissions\":"
                + submissions.get() + ",\"firstSubmit\":" + firstSubmitMillis + ",\"done\":" + done
                + (status == null ? "" : ",\"outboxEnvelopes\":" + status.envelopes() + ",\"outboxBytes\":"
                        + status.bytes())
                + "}\n";
        try {
            Files.writeString(stats, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("Cannot write the benchmark stats file: {}", e.toString());
        }
    }
}
