package io.wardgate.web.it;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Location;
import io.wardgate.api.Transport;
import io.wardgate.api.VitalSign;
import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.pipeline.Outbox;
import io.wardgate.api.pipeline.OutboxStatus;
import io.wardgate.api.pipeline.StoreOutcome;
import io.wardgate.api.pipeline.StoredEnvelope;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.api.pipeline.Uplink;
import io.wardgate.api.pipeline.UplinkStatus;
import io.wardgate.web.port.AllowlistEntry;
import io.wardgate.web.port.DeviceGroup;
import io.wardgate.web.port.DeviceRegistry;
import io.wardgate.web.port.DeviceVitals;
import io.wardgate.web.port.LatestReadings;
import io.wardgate.web.port.PendingDevice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Real service objects the tests register in the framework in place of bundles not written yet. */
final class Fakes {
    private Fakes() {
    }

    /** Keeps every event, as the audit bundle would durably, and reads them back (newest first). */
    static final class RecordingAudit implements AuditTrail, io.wardgate.web.port.AuditLog {
        final List<AuditEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void record(AuditEvent event) {
            events.add(event);
        }

        @Override
        public List<io.wardgate.web.port.AuditRecord> search(String text, Instant from, Instant to, int limit) {
            List<io.wardgate.web.port.AuditRecord> out = new java.util.ArrayList<>();
            String t = text.toLowerCase(java.util.Locale.ROOT);
            for (int i = events.size() - 1; i >= 0 && out.size() < limit; i--) {
                AuditEvent e = events.get(i);
                String all = (e.actor() + " " + e.action() + " " + e.target() + " " + e.detail()).toLowerCase(java.util.Locale.ROOT);
                if (all.contains(t) && (from == null || !e.at().isBefore(from)) && (to == null || e.at().isBefore(to))) {
                    out.add(new io.wardgate.web.port.AuditRecord(i + 1, e, "h" + i));
                }
            }
            return out;
        }

        @Override
        public io.wardgate.web.port.ChainCheck verifyChain() {
            return new io.wardgate.web.port.ChainCheck(true, events.size(), -1, "");
        }

        long count(String action, String target) {
            return events.stream().filter(e -> e.action().equals(action) && e.target().equals(target)).count();
        }
    }

    /** An allowlist in memory, with one device waiting. */
    static final class Registry implements DeviceRegistry {
        final List<AllowlistEntry> allowed = new CopyOnWriteArrayList<>();
        final List<PendingDevice> pending = new CopyOnWriteArrayList<>();
        /** Where the fake audits its changes, as the policy's allowlist does (DeviceRegistry's contract). */
        private final RecordingAudit audit;

        Registry(RecordingAudit audit) {
            this.audit = audit;
            Instant now = Instant.now();
            allowed.add(new AllowlistEntry(DeviceIdentity.at(Transport.SERIAL, "/dev/wardgate/bed-12")
                    .withReported("Nonin 7500", "501234567"), "icu-monitors", now.minus(Duration.ofDays(3)), "user:setup"));
            pending.add(new PendingDevice(DeviceIdentity.at(Transport.SERIAL, "/dev/wardgate/bed-14")
                    .withReported("Nonin 7500", "509876543"), now.minus(Duration.ofMinutes(4)), now, "unknown device",
                    new Location("st-marys", "icu-2", "bed-14"), List.of(150456, 149530)));
        }

        private void audited(String by, String action, String target) {
            audit.record(new io.wardgate.api.pipeline.AuditEvent(Instant.now(), by, action, target,
                    io.wardgate.api.pipeline.AuditEvent.Outcome.SUCCESS, "by the registry"));
        }

        @Override
        public List<AllowlistEntry> allowed() {
            return List.copyOf(allowed);
        }

        @Override
        public List<PendingDevice> pending() {
            return List.copyOf(pending);
        }

        final List<DeviceGroup> groups = new CopyOnWriteArrayList<>(List.of(
                new DeviceGroup("icu-monitors", "ICU bedside monitors", List.of(149530, 150456)),
                new DeviceGroup("ward-spot-check", "Spot-check devices on the general ward", List.of(150456))));
        final List<io.wardgate.web.port.DeniedEntry> denied = new CopyOnWriteArrayList<>();

        @Override
        public List<DeviceGroup> groups() {
            return List.copyOf(groups);
        }

        @Override
        public void approve(String deviceId, String group, String by) {
            PendingDevice p = pending.stream().filter(d -> d.identity().id().equals(deviceId)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no pending device " + deviceId));
            if (groups().stream().noneMatch(g -> g.name().equals(group))) {
                throw new IllegalArgumentException("no group " + group);
            }
            pending.remove(p);
            allowed.add(new AllowlistEntry(p.identity(), group, Instant.now(), by));
            audited(by, "DEVICE_APPROVED", deviceId);
        }

        @Override
        public void reject(String deviceId, String reason, String by) {
            PendingDevice p = pending.stream().filter(d -> d.identity().id().equals(deviceId)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no pending device " + deviceId));
            pending.remove(p);
            denied.add(new io.wardgate.web.port.DeniedEntry(p.identity(), by, Instant.now(), reason));
            audited(by, "DEVICE_REJECTED", deviceId);
        }

        @Override
        public void revoke(String deviceId, String reason, String by) {
            AllowlistEntry a = allowed.stream().filter(d -> d.identity().id().equals(deviceId)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("not on the allowlist: " + deviceId));
            allowed.remove(a);
            denied.add(new io.wardgate.web.port.DeniedEntry(a.identity(), by, Instant.now(), reason));
            audited(by, "DEVICE_REVOKED", deviceId);
        }

        @Override
        public List<io.wardgate.web.port.DeniedEntry> denied() {
            return List.copyOf(denied);
        }

        @Override
        public void reallow(String deviceId, String by) {
            io.wardgate.web.port.DeniedEntry d = denied.stream().filter(x -> x.identity().id().equals(deviceId))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no denied device " + deviceId));
            denied.remove(d);
            // As the policy does at the device's next sighting.
            pending.add(new PendingDevice(d.identity(), Instant.now(), Instant.now(), "unknown device"));
            audited(by, "DEVICE_REALLOWED", deviceId);
        }

        @Override
        public void putGroup(io.wardgate.web.port.GroupRules rules, String by) {
            if (!rules.name().matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("name must be 1 to 64 letters, digits, '.', '_' or '-'");
            }
            groups.removeIf(g -> g.name().equals(rules.name()));
            groups.add(new DeviceGroup(rules.name(), "made in the group editor", rules.metrics()));
        }
    }

    /** Two beds with smooth, plausible recent values. */
    static final class Readings implements LatestReadings {
        @Override
        public List<DeviceVitals> recent(Duration window, int maxPoints) {
            Instant now = Instant.now();
            return List.of(device("bed-12", "Nonin 7500", now, maxPoints, 72, 97),
                    device("bed-14", "IntelliVue MP30", now, maxPoints, 88, 94));
        }

        private static DeviceVitals device(String bed, String model, Instant now, int n, int hr, int spo2) {
            DeviceIdentity id = DeviceIdentity.at(Transport.SERIAL, "/dev/wardgate/" + bed).withReported(model, "5000" + hr);
            List<DeviceVitals.Point> pulse = new ArrayList<>();
            List<DeviceVitals.Point> sat = new ArrayList<>();
            List<DeviceVitals.Point> temp = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Instant at = now.minusSeconds(15L * (n - i));
                pulse.add(new DeviceVitals.Point(at, Decimal.ofInteger(hr + Math.round(4 * Math.sin(i / 5.0)))));
                sat.add(new DeviceVitals.Point(at, Decimal.ofInteger(spo2 + Math.round(Math.cos(i / 7.0)))));
                temp.add(new DeviceVitals.Point(at, Decimal.of(368 + Math.round(2 * Math.sin(i / 11.0)), -1)));
            }
            return new DeviceVitals(id, new Location("st-marys", "icu-2", bed), now.minusSeconds(3), List.of(
                    new DeviceVitals.Series(VitalSign.PULSE_RATE.metric(), VitalSign.PULSE_RATE.unit(), pulse),
                    new DeviceVitals.Series(VitalSign.SPO2.metric(), VitalSign.SPO2.unit(), sat),
                    new DeviceVitals.Series(VitalSign.BODY_TEMPERATURE.metric(), VitalSign.BODY_TEMPERATURE.unit(), temp)));
        }
    }

    /** Bed 12's device raised an alarm a minute ago; bed 14's SpO2 carries the flags of its newest reading. */
    static final class Alarms implements io.wardgate.web.port.DeviceAlarms {
        @Override
        public List<io.wardgate.web.port.DeviceAlert> recent(Duration window) {
            Instant now = Instant.now();
            return List.of(new io.wardgate.web.port.DeviceAlert("serial:/dev/wardgate/bed-12", now.minusSeconds(60),
                    io.wardgate.web.port.DeviceAlert.Kind.ALARM, "SpO2 LOW 86 (limit 90)", null, java.util.Set.of()),
                    new io.wardgate.web.port.DeviceAlert("serial:/dev/wardgate/bed-14", now.minusSeconds(5),
                            io.wardgate.web.port.DeviceAlert.Kind.FLAGS, "", VitalSign.SPO2.metric(),
                            java.util.Set.of(io.wardgate.api.StatusFlag.LOW_PERFUSION)));
        }
    }

    /** Takes what a serial port delivers and drops it: the port form's component needs an intake to run. */
    static final class Intake implements io.wardgate.api.pipeline.ReadingIntake {
        @Override
        public void submit(io.wardgate.api.DeviceReadings readings) {
        }

        @Override
        public void report(io.wardgate.api.DeviceEvent event) {
        }
    }

    static final class ConnectedUplink implements Uplink {
        @Override
        public UplinkStatus status() {
            return new UplinkStatus(true, "ssl://broker.hospital.example:8883", Instant.now().minusSeconds(3600), 1842,
                    1840, "");
        }
    }

    static final class SmallOutbox implements Outbox {
        @Override
        public StoreOutcome store(SealedEnvelope envelope) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StoredEnvelope> next(int max) {
            return List.of();
        }

        @Override
        public void acknowledge(long storageId) {
        }

        @Override
        public void release(long storageId) {
        }

        @Override
        public long lastSequence(String deviceId, long epoch) {
            return -1;
        }

        @Override
        public OutboxStatus status() {
            return new OutboxStatus(2, 3_400, 512L * 1024 * 1024, Instant.now().minusSeconds(2), "");
        }
    }
}
