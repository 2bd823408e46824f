package io.wardgate.policy.internal;

import io.wardgate.api.DeviceAlarms;
import io.wardgate.api.DeviceEvent;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.DeviceSighting;
import io.wardgate.api.Transport;
import io.wardgate.api.pipeline.Admission;
import io.wardgate.api.pipeline.AdmittedAlarms;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.pipeline.DevicePolicy;
import io.wardgate.api.pipeline.ReadingIntake;
import io.wardgate.api.pipeline.Route;
import io.wardgate.api.pipeline.Sealer;
import io.wardgate.policy.api.Allowlist;
import io.wardgate.policy.api.AllowlistDocument;
import io.wardgate.policy.api.AllowlistEntry;
import io.wardgate.policy.api.AllowlistException;
import io.wardgate.policy.api.DeviceGroup;
import io.wardgate.policy.api.PendingDevice;
import io.wardgate.policy.api.PolicyStatus;
import io.wardgate.policy.api.ReadingObserver;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy as a plain object: admits devices, filters what they submit, hands admitted readings
 * to the sealer, and manages the allowlist. Deny by default: data goes on only when its device's
 * identity (and for BLE what was seen of it) matches an entry of the allowlist in force right now.
 * Never throws into a source's thread. Per-device state is kept only for allowlisted devices, so
 * its size is bounded by the allowlist.
 */
public final class PolicyEngine implements DevicePolicy, ReadingIntake, Allowlist, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyEngine.class);

    private final Clock clock;
    private final LongSupplier nanos;
    private final AuditLimiter audit;
    private final PendingDevices pending;
    private final AllowlistManager allowlist;
    private final FairHandoff handoff;
    /**
     * Last sighting of each allowlisted BLE device (its bond state and services gate its data) and network
     * address (the MAC address seen there gates its data).
     */
    private final Map<String, DeviceSighting> sightings = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    /** Allowlist version at which DEVICE_ALLOWED was last recorded per device. */
    private final Map<String, Long> allowedAudited = new ConcurrentHashMap<>();
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final Observers observers = new Observers();
    private final Sealer sealer;
    private final DeviceClockCheck deviceClocks = new DeviceClockCheck();

    public PolicyEngine(PolicySettings settings, String allowlistJson, AuditTrail trail, Sealer sealer,
            AllowlistStore store, Clock clock, LongSupplier nanos, ThreadFactory threads) {
        this.clock = clock;
        this.nanos = nanos;
        this.audit = new AuditLimiter(trail, nanos, settings.auditInterval());
        this.pending = new PendingDevices(settings.pendingMax(), settings.pendingExpiry());
        this.allowlist = new AllowlistManager(store, audit, clock, pending, this::forget);
        this.handoff = new FairHandoff(sealer, this::stillAllowed, settings.queueBatches(), threads);
        this.sealer = sealer;
        allowlist.configured(allowlistJson, true);
    }

    /** The time bundle's comparison of device clocks with the gateway's, or null when it is gone. */
    public void useDeviceClocks(io.wardgate.api.time.DeviceClocks clocks) {
        deviceClocks.use(clocks);
    }

    /** New settings or a new allowlist document from the configuration. */
    public void configure(PolicySettings settings, String allowlistJson) {
        pending.configure(settings.pendingMax(), settings.pendingExpiry());
        audit.setInterval(settings.auditInterval());
        handoff.setCapacity(settings.queueBatches());
        allowlist.configured(allowlistJson, false);
    }

    @Override
    public Admission admit(DeviceSighting sighting) {
        try {
            Snapshot snapshot = allowlist.snapshot();
            DeviceIdentity identity = sighting.identity();
            Map<String, String> details = sighting.details();
            if (identity.transport() == Transport.NETWORK && !details.containsKey(Snapshot.MAC)) {
                // No MAC seen this time (the neighbour entry aged out): the last one seen still counts.
                details = new java.util.HashMap<>(details);
                details.putAll(detailsFor(identity));
                sighting = new DeviceSighting(identity, sighting.location(), details, sighting.at());
            }
            if (snapshot.entry(identity.id()) != null) {
                sightings.put(identity.id(), sighting);
            }
            Decision decision = snapshot.decide(identity, details);
            if (decision.allowed()) {
                auditAllowed(identity, decision, snapshot.version());
                return Admission.allowed(decision.route(), decision.reason());
            }
            refuse(decision, sighting);
            return decision.kind() == Decision.Kind.DENIED ? Admission.denied(decision.reason())
                    : Admission.pending(decision.reason());
        } catch (RuntimeException e) {
            LOG.error("policy failed on a sighting; denying", e);
            return Admission.denied("policy error");
        }
    }

    @Override
    public void submit(DeviceReadings readings) {
        try {
            DeviceIdentity identity = readings.device();
            Snapshot snapshot = allowlist.snapshot();
            Map<String, String> details = detailsFor(identity);
            Decision decision = snapshot.decide(identity, details);
            int count = readings.readings().size();
            if (!decision.allowed()) {
                refused.add(count);
                refuse(decision, new DeviceSighting(identity, readings.location(), withMetrics(details, readings),
                        clock.instant()));
                return;
            }
            auditAllowed(identity, decision, snapshot.version());
            forward(readings, decision.group(), decision.route());
        } catch (RuntimeException e) {
            LOG.error("policy failed on readings of {}; dropped", readings.device().id(), e);
        }
    }

    private void forward(DeviceReadings readings, DeviceGroup group, Route route) {
        String id = readings.device().id();
        ReadingRules.Result result = ReadingRules.apply(group, readings.readings());
        if (result.metricsRefused() > 0) {
            throttled.add(result.metricsRefused());
            limited(id, "METRIC_NOT_ALLOWED", Outcome.DENIED, result.metricsRefused() + " readings of metrics group "
                    + group.name() + " does not allow were dropped");
        }
        List<io.wardgate.api.Reading> kept = result.kept();
        TokenBucket bucket = buckets.compute(id, (key, old) -> old != null
                && old.sameRate(group.maxReadingsPerSecond(), group.burst()) ? old
                        : new TokenBucket(group.maxReadingsPerSecond(), group.burst(), nanos.getAsLong()));
        int granted = bucket.take(kept.size(), nanos.getAsLong());
        if (granted < kept.size()) {
            throttled.add(kept.size() - granted);
            limited(id, "DEVICE_THROTTLED", Outcome.DENIED, "above " + group.maxReadingsPerSecond()
                    + " readings/s (burst " + group.burst() + ") of group " + group.name() + "; "
                    + (kept.size() - granted) + " readings dropped");
            kept = kept.subList(0, granted);
        }
        if (kept.isEmpty()) {
            return;
        }
        kept = deviceClocks.apply(id, kept);
        AdmittedReadings admitted = new AdmittedReadings(new DeviceReadings(readings.device(), readings.location(),
                kept), route);
        if (handoff.offer(id, admitted)) {
            forwarded.add(kept.size());
            observers.admitted(admitted);
        } else {
            throttled.add(kept.size());
            limited(id, "READINGS_DROPPED", Outcome.FAILURE, "hand-off queue to the sealer is full (sealer behind); "
                    + kept.size() + " readings dropped");
        }
    }

    /**
     * Alarm changes of an allowed device go to the sealer at once, past the readings' hand-off queue,
     * metric rules and rate limit: they are few, and late is worse than many. Others are refused like readings.
     */
    @Override
    public void raise(DeviceAlarms alarms) {
        try {
            DeviceIdentity identity = alarms.device();
            Map<String, String> details = detailsFor(identity);
            Decision decision = allowlist.snapshot().decide(identity, details);
            if (!decision.allowed()) {
                refused.add(alarms.alarms().size());
                refuse(decision, new DeviceSighting(identity, alarms.location(), details, clock.instant()));
                return;
            }
            auditAllowed(identity, decision, allowlist.snapshot().version());
            sealer.seal(new AdmittedAlarms(alarms, decision.route()));
            forwarded.add(alarms.alarms().size());
            observers.alarms(alarms);
        } catch (RuntimeException e) {
            LOG.error("policy failed on alarms of {}; dropped", alarms.device().id(), e);
        }
    }

    @Override
    public void report(DeviceEvent event) {
        try {
            DeviceIdentity identity = event.device();
            Decision decision = allowlist.snapshot().decide(identity, detailsFor(identity));
            String id = identity.id();
            if (decision.kind() == Decision.Kind.UNIDENTIFIED) {
                // Connected, not yet identified: nothing to compare yet, so no swap and no record
                // (its readings stay refused until it says who it is).
                if (event.kind() == DeviceEvent.Kind.MALFORMED_INPUT) {
                    limited(id, "DEVICE_MALFORMED_INPUT", Outcome.WARNING, event.detail());
                }
            } else if (decision.kind() == Decision.Kind.IDENTITY_CHANGED) {
                limited(id, "DEVICE_IDENTITY_CHANGED", Outcome.DENIED, "possible device swap: " + decision.reason());
            } else if (!decision.allowed()) {
                limited(id, "DEVICE_NOT_ALLOWED", Outcome.DENIED, decision.reason() + "; event " + event.kind());
            } else if (event.kind() == DeviceEvent.Kind.MALFORMED_INPUT) {
                limited(id, "DEVICE_MALFORMED_INPUT", Outcome.WARNING, event.detail());
            }
            if (decision.allowed()) {
                observers.reported(event);
            }
        } catch (RuntimeException e) {
            LOG.error("policy failed on an event of {}", event.device().id(), e);
        }
    }

    /** Not allowed: audited (rate-limited), and unless denied, held as pending. The data is dropped. */
    private void refuse(Decision decision, DeviceSighting sighting) {
        String id = sighting.identity().id();
        switch (decision.kind()) {
            case DENIED -> limited(id, "DEVICE_DENIED", Outcome.DENIED, decision.reason() + "; data dropped");
            case UNIDENTIFIED -> limited(id, "DEVICE_NOT_ALLOWED", Outcome.DENIED, decision.reason()
                    + "; data dropped until it identifies itself");
            case IDENTITY_CHANGED -> limited(id, "DEVICE_IDENTITY_CHANGED", Outcome.DENIED, "possible device swap: "
                    + decision.reason() + "; held for approval, data dropped");
            default -> limited(id, "DEVICE_NOT_ALLOWED", Outcome.DENIED, decision.reason()
                    + "; held for approval, data dropped");
        }
        if (decision.kind() == Decision.Kind.DENIED || decision.kind() == Decision.Kind.UNIDENTIFIED) {
            return; // an approved address whose device has not said who it is yet is no request
        }
        String reason = decision.kind() == Decision.Kind.IDENTITY_CHANGED ? "identity changed: " + decision.reason()
                : decision.reason();
        switch (pending.offer(sighting, reason, clock.instant())) {
            case ADDED -> audit.always(new AuditEvent(clock.instant(), "system", "DEVICE_PENDING", id,
                    Outcome.WARNING, Events.bounded("held for approval: " + reason + "; "
                            + Snapshot.describe(sighting.identity()) + "; seen " + sighting.details(), 1024)));
            case FULL -> audit.limitedPerKey("PENDING_LIST_FULL", () -> new AuditEvent(clock.instant(), "system",
                    "PENDING_LIST_FULL", id, Outcome.WARNING, "pending list full; this and further unknown devices "
                            + "are not listed, their data is dropped"));
            default -> {
            }
        }
    }

    private void auditAllowed(DeviceIdentity identity, Decision decision, long version) {
        Long before = allowedAudited.put(identity.id(), version);
        if (before == null || before != version) {
            limited(identity.id(), "DEVICE_ALLOWED", Outcome.SUCCESS, decision.reason());
        }
    }

    private void limited(String deviceId, String action, Outcome outcome, String detail) {
        audit.limited(action + ":" + deviceId, () -> new AuditEvent(clock.instant(), Events.deviceActor(deviceId),
                action, Events.bounded(deviceId, 256), outcome, Events.bounded(detail, 1024)));
    }

    /** What a refused batch carried, for whoever decides on the pending device: its metrics' MDC codes. */
    private static Map<String, String> withMetrics(Map<String, String> details, DeviceReadings readings) {
        String codes = readings.readings().stream().map(r -> r.metric().mdcCode()).distinct().sorted()
                .limit(PendingDevice.MAX_METRICS).map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        if (codes.isEmpty()) {
            return details;
        }
        Map<String, String> out = new java.util.HashMap<>(details);
        out.put(PendingDevice.METRICS, codes);
        return Map.copyOf(out);
    }

    private Map<String, String> detailsFor(DeviceIdentity identity) {
        DeviceSighting seen = sightings.get(identity.id());
        if (identity.transport() == Transport.NETWORK) {
            // The MAC address belongs to the address, whatever the device reported there since.
            return seen != null && seen.details().containsKey(Snapshot.MAC)
                    ? Map.of(Snapshot.MAC, seen.details().get(Snapshot.MAC)) : Map.of();
        }
        if (identity.transport() != Transport.BLE) {
            return Map.of();
        }
        return seen != null && seen.identity().equals(identity) ? seen.details() : Map.of();
    }

    private boolean stillAllowed(AdmittedReadings batch) {
        DeviceIdentity identity = batch.readings().device();
        return allowlist.snapshot().decide(identity, detailsFor(identity)).allowed();
    }

    /** A device left the allowlist (revoked, replaced, imported away): drop its state and queued data. */
    private void forget(String deviceId) {
        int batches = handoff.discard(deviceId);
        if (batches > 0) {
            LOG.info("dropped {} queued batches of {}", batches, deviceId);
        }
        buckets.remove(deviceId);
        sightings.remove(deviceId);
        allowedAudited.remove(deviceId);
    }

    /** Adds a {@link ReadingObserver}: it sees each batch admitted from now on. */
    public void addObserver(ReadingObserver observer) {
        observers.add(observer);
    }

    public void removeObserver(ReadingObserver observer) {
        observers.remove(observer);
    }

    /** Adds a {@link io.wardgate.policy.api.DeviceEventObserver}: it sees the events of allowed devices from now on. */
    public void addEventObserver(io.wardgate.policy.api.DeviceEventObserver observer) {
        observers.add(observer);
    }

    public void removeEventObserver(io.wardgate.policy.api.DeviceEventObserver observer) {
        observers.remove(observer);
    }

    @Override
    public AllowlistDocument current() {
        return allowlist.snapshot().document();
    }

    @Override
    public List<PendingDevice> pending() {
        return pending.list(clock.instant());
    }

    @Override
    public AllowlistEntry approve(String deviceId, String group, String actor) throws AllowlistException {
        return allowlist.approve(deviceId, group, actor);
    }

    @Override
    public void reject(String deviceId, String reason, String actor) throws AllowlistException {
        allowlist.reject(deviceId, reason, actor);
    }

    @Override
    public void revoke(String deviceId, String reason, String actor) throws AllowlistException {
        allowlist.revoke(deviceId, reason, actor);
    }

    @Override
    public void reallow(String deviceId, String actor) throws AllowlistException {
        allowlist.reallow(deviceId, actor);
    }

    @Override
    public void putGroup(io.wardgate.policy.api.DeviceGroup group, String actor) throws AllowlistException {
        allowlist.putGroup(group, actor);
    }

    @Override
    public String exportJson() {
        return allowlist.snapshot().json();
    }

    @Override
    public void importJson(String json, String actor) throws AllowlistException {
        allowlist.importJson(json, actor);
    }

    @Override
    public PolicyStatus status() {
        AllowlistDocument document = allowlist.snapshot().document();
        return new PolicyStatus(document.groups().size(), document.entries().size(), document.denied().size(),
                pending.size(), pending.full(), forwarded.sum(), refused.sum(), throttled.sum(), audit.suppressed(),
                allowlist.lastConfigError());
    }

    @Override
    public void close() {
        handoff.close();
    }
}
