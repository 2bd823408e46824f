package io.wardgate.time;

import io.wardgate.api.manage.StatusContribution;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.time.ClockState;
import io.wardgate.api.time.ClockStatus;
import io.wardgate.api.Alarm;
import io.wardgate.api.DeviceAlarms;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Location;
import io.wardgate.api.Transport;
import io.wardgate.api.pipeline.AdmittedAlarms;
import io.wardgate.api.pipeline.Route;
import io.wardgate.api.pipeline.Sealer;
import io.wardgate.api.time.ClockNote;
import io.wardgate.api.time.DeviceClockOffset;
import io.wardgate.api.time.DeviceClocks;
import io.wardgate.api.pipeline.AuditEvent;
import java.time.Instant;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs without configuration (the defaults suit every board): reads the clock state on a schedule,
 * provides it as {@link ClockStatus}, and as the "clock" section of the status reply.
 */
@Component(service = {ClockStatus.class, DeviceClocks.class, StatusContribution.class}, immediate = true,
        configurationPid = ClockComponent.PID, property = StatusContribution.NAME + "=clock")
@Designate(ocd = ClockConfig.class)
public final class ClockComponent implements ClockStatus, DeviceClocks, StatusContribution {
    static final String PID = "io.wardgate.time.Clock";
    private static final Logger LOG = LoggerFactory.getLogger(ClockComponent.class);

    // The audit trail may come and go; a clock state is still worth keeping without it.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AuditTrail audit;

    private static final int MAX_PENDING = 16;
    private final ClockNotes notes = new ClockNotes();
    private final List<Alarm> pending = new java.util.ArrayList<>();

    // Clock notes go out only where an uplink is configured.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile io.wardgate.api.pipeline.Uplink uplink;
    private volatile ComponentServiceObjects<Sealer> sealerObjects;
    private volatile boolean newSealer;
    // The sealer got from sealerObjects, on the clock thread only, when a note is first due.
    private ComponentServiceObjects<Sealer> gotFrom;
    private Sealer sealer;
    private ClockConfig config;
    private ClockMonitor monitor;
    private DeviceClockTable devices;
    private ScheduledExecutorService schedule;

    /**
     * A sealer (re)started: a new boot epoch, whose clock notes start afresh. Bound without getting it: the
     * sealer is a delayed component, and getting it here would activate it (its epoch written durably) on the
     * start-level thread ahead of the uplink, which starts after this bundle (docs/operations.md, "What starts
     * when"). It is got when the first note is due, or activated before by the policy, whichever comes first.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    void bindSealer(ComponentServiceObjects<Sealer> bound) {
        sealerObjects = bound;
        newSealer = true;
    }

    void unbindSealer(ComponentServiceObjects<Sealer> gone) {
        if (sealerObjects == gone) {
            sealerObjects = null; // DS releases what was got from it
        }
    }

    @Activate
    void activate(ClockConfig config) {
        this.config = config;
        Clock clock = Clock.systemUTC();
        monitor = new ClockMonitor(ClockObserver.system(clock), () -> audit, clock, System::nanoTime,
                Duration.ofMinutes(config.alarmAfterMinutes()));
        devices = new DeviceClockTable(monitor::current, Duration.ofSeconds(config.deviceClockToleranceSeconds()),
                this::deviceClockChanged);
        schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wardgate-clock");
            t.setDaemon(true);
            return t;
        });
        schedule.scheduleWithFixedDelay(this::observe, 0, config.pollSeconds(), TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        schedule.shutdownNow();
    }

    private void observe() {
        try {
            ClockState state = monitor.observe();
            note(state, Instant.now(), System.nanoTime());
        } catch (RuntimeException e) {
            LOG.error("Reading the clock state failed", e); // the next round tries again
        }
    }

    /** Seals the clock notes this observation calls for (docs/envelope.md, "Gateway clock notes"). */
    private void note(ClockState state, Instant wall, long mono) {
        ComponentServiceObjects<Sealer> bound = sealerObjects;
        if (bound == null) {
            return; // no sealer, no readings: nothing to say about their times
        }
        if (newSealer) {
            newSealer = false;
            notes.newEpoch();
            pending.clear();
        }
        pending.addAll(notes.observe(state, wall, mono));
        while (pending.size() > MAX_PENDING) {
            pending.remove(0);
        }
        // Without an uplink nothing leaves the gateway and no backend key may be installed yet (an unprovisioned
        // gateway): the notes wait, the steps they describe are still followed.
        if (pending.isEmpty() || uplink == null) {
            return;
        }
        Sealer target = sealerOf(bound);
        if (target == null) {
            return; // the sealer went away meanwhile: the notes wait for the next one
        }
        List<Alarm> due = List.copyOf(pending);
        pending.clear();
        try {
            Location location = new Location(config.noteSite(), config.noteWard(), "gateway");
            target.seal(new AdmittedAlarms(new DeviceAlarms(DeviceIdentity.at(Transport.LOCAL, ClockNote.ADDRESS),
                    location, due), new Route("gateway", config.noteTopicSuffix(), config.noteBackendKeyId(), 9)));
        } catch (RuntimeException e) {
            LOG.error("A clock note could not be sealed ({}); readings of this epoch go out as stamped", e.toString());
        }
    }

    /** The sealer of {@code bound}, got once per binding (a singleton: the same one the policy seals with). */
    private Sealer sealerOf(ComponentServiceObjects<Sealer> bound) {
        if (bound != gotFrom) {
            try {
                sealer = bound.getService();
            } catch (IllegalStateException e) {
                sealer = null; // unbound while asked
            }
            gotFrom = sealer == null ? null : bound;
        }
        return sealer;
    }

    @Override
    public ClockState current() {
        return monitor.current();
    }

    @Override
    public DeviceClockOffset compare(String deviceId, Instant deviceTime, Instant receivedAt) {
        return devices.compare(deviceId, deviceTime, receivedAt);
    }

    @Override
    public List<DeviceClockOffset> offsets() {
        return devices.offsets();
    }

    private void deviceClockChanged(DeviceClockOffset before, DeviceClockOffset now) {
        String detail = "device clock " + now.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + ": offset " + now.offset().toMillis() + " ms"
                + (before == null ? "" : " (was " + before.verdict().name().toLowerCase(java.util.Locale.ROOT) + ")");
        if (now.flagged()) {
            LOG.warn("Device {}: {}", now.deviceId(), detail);
        }
        AuditTrail trail = audit;
        if (trail != null && (now.flagged() || before != null)) {
            try {
                trail.record(new AuditEvent(now.observedAt(), "system", "DEVICE_CLOCK",
                        now.deviceId().length() <= 256 ? now.deviceId() : now.deviceId().substring(0, 256),
                        now.flagged() ? AuditEvent.Outcome.WARNING : AuditEvent.Outcome.SUCCESS, detail));
            } catch (RuntimeException e) {
                LOG.warn("Audit of a device clock change failed: {}", e.toString());
            }
        }
    }

    @Override
    public Map<String, Object> status() {
        ClockState state = monitor.current();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("synchronisation", state.synchronisation().name().toLowerCase(java.util.Locale.ROOT));
        out.put("source", state.source());
        out.put("maxErrorMillis", state.maxError() == null ? -1L : state.maxError().toMillis());
        out.put("realTimeClock", state.rtc());
        out.put("since", state.since().toString());
        out.put("detail", state.detail());
        List<Map<String, Object>> offsets = new java.util.ArrayList<>();
        for (DeviceClockOffset offset : devices.offsets()) {
            Map<String, Object> device = new LinkedHashMap<>();
            device.put("device", offset.deviceId());
            device.put("offsetMillis", offset.offset().toMillis());
            device.put("verdict", offset.verdict().name().toLowerCase(java.util.Locale.ROOT));
            device.put("at", offset.observedAt().toString());
            offsets.add(device);
        }
        out.put("devices", offsets);
        return out;
    }

    @Override
    public List<String> alarms() {
        List<String> alarms = new java.util.ArrayList<>(monitor.alarms());
        for (DeviceClockOffset offset : devices.offsets()) {
            if (offset.flagged()) {
                alarms.add("device " + offset.deviceId() + ": its clock is off by " + offset.offset().toSeconds()
                        + " s; its device times are flagged DEVICE_CLOCK_OFF");
            }
        }
        return alarms;
    }
}
