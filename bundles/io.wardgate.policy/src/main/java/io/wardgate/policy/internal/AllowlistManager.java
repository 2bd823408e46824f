package io.wardgate.policy.internal;

import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceSighting;
import io.wardgate.api.Transport;
import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.policy.api.AllowlistDocument;
import io.wardgate.policy.api.AllowlistEntry;
import io.wardgate.policy.api.AllowlistException;
import io.wardgate.policy.api.DeniedDevice;
import io.wardgate.policy.api.DeviceGroup;
import io.wardgate.policy.api.PendingDevice;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the allowlist in force and every change to it. A change is validated as a whole, persisted,
 * and only then swapped in (one volatile write): readers see the old or the new allowlist, and a
 * change that fails validation or persistence changes nothing. Changes are serialized.
 */
final class AllowlistManager {
    static final String CONFIG_ACTOR = "configadmin";
    private static final Logger LOG = LoggerFactory.getLogger(AllowlistManager.class);
    private static final int ECHOES = 16;

    private final AllowlistStore store;
    private final AuditLimiter audit;
    private final Clock clock;
    private final PendingDevices pending;
    private final Consumer<String> onNoLongerAllowed;
    private final Object changes = new Object();
    /** Documents we persisted whose configuration event may still arrive: not an outside change. */
    private final ArrayDeque<String> written = new ArrayDeque<>();
    private volatile Snapshot snapshot;
    private volatile String lastConfigError = "";

    AllowlistManager(AllowlistStore store, AuditLimiter audit, Clock clock, PendingDevices pending,
            Consumer<String> onNoLongerAllowed) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.pending = pending;
        this.onNoLongerAllowed = onNoLongerAllowed;
        this.snapshot = new Snapshot(AllowlistDocument.EMPTY, AllowlistJson.empty(), 0);
    }

    Snapshot snapshot() {
        return snapshot;
    }

    String lastConfigError() {
        return lastConfigError;
    }

    /** The document in the configuration: at start, or changed outside this service (e.g. Kura's UI). */
    void configured(String json, boolean initial) {
        synchronized (changes) {
            if (written.contains(json)) {
                while (!written.pollFirst().equals(json)) {
                    // older echoes will not come after a newer one
                }
                return;
            }
            if (json.equals(snapshot.json())) {
                return;
            }
            try {
                AllowlistDocument document = AllowlistJson.read(json, clock.instant());
                apply(document, AllowlistJson.write(document));
                lastConfigError = "";
                audit.always(event(CONFIG_ACTOR, initial ? "ALLOWLIST_LOADED" : "ALLOWLIST_CHANGED", "",
                        Outcome.SUCCESS, summary(document)));
            } catch (AllowlistException e) {
                refused(CONFIG_ACTOR, e);
            }
        }
    }

    AllowlistEntry approve(String deviceId, String groupName, String actor) throws AllowlistException {
        requireActor(actor);
        synchronized (changes) {
            PendingDevice device = pending.get(deviceId);
            if (device == null) {
                throw new AllowlistException("no pending device '" + deviceId + "'");
            }
            Snapshot current = snapshot;
            DeviceGroup group = current.group(groupName);
            if (group == null) {
                throw new AllowlistException("no device group '" + groupName + "'");
            }
            DeviceSighting seen = device.sighting();
            DeviceIdentity identity = seen.identity();
            boolean ble = identity.transport() == Transport.BLE;
            AllowlistEntry entry;
            try {
                entry = new AllowlistEntry(identity, groupName, ble ? seen.detail(Snapshot.ADDRESS_TYPE, "") : "",
                        ble ? new TreeSet<>(Snapshot.uuids(seen.detail(Snapshot.UUIDS, ""))) : Set.of(),
                        identity.transport() == Transport.NETWORK ? seen.detail(Snapshot.MAC, "") : "", actor,
                        clock.instant());
            } catch (IllegalArgumentException e) {
                throw new AllowlistException("cannot approve " + deviceId + ": " + e.getMessage());
            }
            AllowlistEntry replaced = current.entry(deviceId);
            List<AllowlistEntry> entries = new ArrayList<>(current.document().entries());
            entries.removeIf(e -> e.deviceId().equals(deviceId));
            entries.add(entry);
            List<DeniedDevice> denied = new ArrayList<>(current.document().denied());
            denied.removeIf(d -> d.identity().equals(identity));
            commit(new AllowlistDocument(current.document().groups(), entries, denied));
            pending.remove(deviceId);
            audit.always(event(actor, "DEVICE_APPROVED", deviceId, Outcome.SUCCESS, "group " + groupName + "; "
                    + Snapshot.describe(identity) + (entry.mac().isEmpty() ? "" : " MAC " + entry.mac())
                    + (replaced == null ? ""
                            : "; replaces " + Snapshot.describe(replaced.identity()))));
            return entry;
        }
    }

    void reject(String deviceId, String reason, String actor) throws AllowlistException {
        requireActor(actor);
        synchronized (changes) {
            PendingDevice device = pending.get(deviceId);
            if (device == null) {
                throw new AllowlistException("no pending device '" + deviceId + "'");
            }
            deny(device.sighting().identity(), reason, actor);
            pending.remove(deviceId);
            audit.always(event(actor, "DEVICE_REJECTED", deviceId, Outcome.SUCCESS,
                    Snapshot.describe(device.sighting().identity()) + "; " + reason));
        }
    }

    void revoke(String deviceId, String reason, String actor) throws AllowlistException {
        requireActor(actor);
        synchronized (changes) {
            AllowlistEntry entry = snapshot.entry(deviceId);
            if (entry == null) {
                throw new AllowlistException("no approved device '" + deviceId + "'");
            }
            deny(entry.identity(), reason, actor);
            audit.always(event(actor, "DEVICE_REVOKED", deviceId, Outcome.SUCCESS, "group " + entry.group() + "; "
                    + Snapshot.describe(entry.identity()) + "; " + reason));
        }
    }

    void importJson(String json, String actor) throws AllowlistException {
        requireActor(actor);
        synchronized (changes) {
            AllowlistDocument document;
            try {
                document = AllowlistJson.read(json, clock.instant());
            } catch (AllowlistException e) {
                refused(actor, e);
                throw e;
            }
            commit(document);
            audit.always(event(actor, "ALLOWLIST_IMPORTED", "", Outcome.SUCCESS, summary(document)));
        }
    }

    void reallow(String deviceId, String actor) throws AllowlistException {
        requireActor(actor);
        synchronized (changes) {
            Snapshot current = snapshot;
            List<DeniedDevice> denied = new ArrayList<>(current.document().denied());
            DeniedDevice found = denied.stream().filter(d -> d.identity().id().equals(deviceId)).findFirst()
                    .orElseThrow(() -> new AllowlistException("no denied device '" + deviceId + "'"));
            denied.remove(found);
            commit(new AllowlistDocument(current.document().groups(), current.document().entries(), denied));
            audit.always(event(actor, "DEVICE_REALLOWED", deviceId, Outcome.SUCCESS,
                    Snapshot.describe(found.identity()) + "; denied before by " + found.by() + ": " + found.reason()
                            + "; pending again at its next sighting"));
        }
    }

    void putGroup(DeviceGroup group, String actor) throws AllowlistException {
        requireActor(actor);
        synchronized (changes) {
            Snapshot current = snapshot;
            List<DeviceGroup> groups = new ArrayList<>(current.document().groups());
            boolean replaced = groups.removeIf(g -> g.name().equals(group.name()));
            groups.add(group);
            commit(new AllowlistDocument(groups, current.document().entries(), current.document().denied()));
            audit.always(event(actor, replaced ? "DEVICE_GROUP_CHANGED" : "DEVICE_GROUP_CREATED", group.name(),
                    Outcome.SUCCESS, "metrics " + group.metrics().stream().sorted().toList() + "; "
                            + group.maxReadingsPerSecond() + "/s, burst " + group.burst() + "; topic " + group.topicSuffix()));
        }
    }

    private void deny(DeviceIdentity identity, String reason, String actor) throws AllowlistException {
        if (reason == null || reason.length() > 256 || !reason.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw new AllowlistException("reason must be at most 256 printable characters");
        }
        Snapshot current = snapshot;
        List<AllowlistEntry> entries = new ArrayList<>(current.document().entries());
        entries.removeIf(e -> e.identity().equals(identity));
        List<DeniedDevice> denied = new ArrayList<>(current.document().denied());
        denied.removeIf(d -> d.identity().equals(identity));
        denied.add(new DeniedDevice(identity, actor, clock.instant(), reason));
        commit(new AllowlistDocument(current.document().groups(), entries, denied));
    }

    /** Validates the whole new document (limits included), persists it, then swaps it in. */
    private void commit(AllowlistDocument document) throws AllowlistException {
        String json = AllowlistJson.write(document);
        AllowlistJson.read(json, clock.instant());
        try {
            store.save(json);
        } catch (IOException | RuntimeException e) {
            LOG.error("allowlist could not be saved", e);
            throw new AllowlistException("the allowlist could not be saved, nothing changed: " + e.getMessage());
        }
        written.addLast(json);
        while (written.size() > ECHOES) {
            written.removeFirst();
        }
        apply(document, json);
    }

    private void apply(AllowlistDocument document, String json) {
        Snapshot old = snapshot;
        Snapshot next = new Snapshot(document, json, old.version() + 1);
        snapshot = next;
        pending.removeIf(p -> {
            Decision.Kind now = next.decide(p.sighting().identity(), p.sighting().details()).kind();
            return now == Decision.Kind.ALLOWED || now == Decision.Kind.DENIED;
        });
        for (AllowlistEntry before : old.document().entries()) {
            AllowlistEntry after = next.entry(before.deviceId());
            if (after == null || !after.equals(before)) {
                onNoLongerAllowed.accept(before.deviceId());
            }
        }
    }

    private void refused(String actor, AllowlistException e) {
        lastConfigError = e.getMessage().length() > 900 ? e.getMessage().substring(0, 900) + "..." : e.getMessage();
        LOG.warn("allowlist refused; the previous one stays in force: {}", lastConfigError);
        audit.always(event(actor, "ALLOWLIST_REJECTED", "", Outcome.FAILURE,
                "the previous allowlist stays in force: " + lastConfigError));
    }

    private AuditEvent event(String actor, String action, String target, Outcome outcome, String detail) {
        return new AuditEvent(clock.instant(), actor, action, Events.bounded(target, 256), outcome,
                Events.bounded(detail, 1024));
    }

    private static String summary(AllowlistDocument document) {
        return document.groups().size() + " groups, " + document.entries().size() + " devices, "
                + document.denied().size() + " denied";
    }

    private static void requireActor(String actor) throws AllowlistException {
        if (actor == null || actor.isEmpty() || actor.length() > 128
                || !actor.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw new AllowlistException("actor must be 1 to 128 printable characters, e.g. user:alice");
        }
    }
}
