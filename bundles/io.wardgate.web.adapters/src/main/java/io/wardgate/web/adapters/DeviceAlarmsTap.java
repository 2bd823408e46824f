package io.wardgate.web.adapters;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmState;
import io.wardgate.api.DeviceEvent;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.policy.api.DeviceEventObserver;
import io.wardgate.policy.api.ReadingObserver;
import io.wardgate.web.port.DeviceAlarms;
import io.wardgate.web.port.DeviceAlert;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The web UI's DeviceAlarms from what exists today: the policy passes on the events of allowed
 * devices (ALARM, SILENT, DISCONNECTED are kept; CONNECTED and IDENTIFIED end a technical
 * condition) and the readings it admitted (the status flags of each metric's newest reading). In
 * memory only, bounded: {@link #MAX_DEVICES} devices, {@link #MAX_EVENTS} events and
 * {@link #MAX_FLAGGED} flagged metrics per device. Typed alarms (drivers that report them) are kept
 * per condition while raised or silenced and dropped when they end; free-text ALARM events (drivers
 * that have none) stay as recent events.
 * <p>
 * Like ReadingsTap, no reference to the policy: it binds this on its whiteboards.
 */
@Component(service = {DeviceAlarms.class, ReadingObserver.class, DeviceEventObserver.class})
public final class DeviceAlarmsTap implements DeviceAlarms, ReadingObserver, DeviceEventObserver {
    static final int MAX_DEVICES = 128;
    static final int MAX_EVENTS = 16;
    static final int MAX_FLAGGED = 16;
    /** Flags that say nothing is wrong: not shown. */
    static final Set<StatusFlag> QUIET = EnumSet.of(StatusFlag.VALIDATED, StatusFlag.MEASUREMENT_ONGOING);

    private final Clock clock;
    private final Map<String, Device> devices = new LinkedHashMap<>();

    @Activate
    public DeviceAlarmsTap() {
        this(Clock.systemUTC());
    }

    DeviceAlarmsTap(Clock clock) {
        this.clock = clock;
    }

    /** One device's alerts: its recent events and the flags of its metrics' newest readings. */
    private static final class Device {
        final ArrayDeque<DeviceAlert> events = new ArrayDeque<>();
        final Map<Integer, DeviceAlert> flagged = new LinkedHashMap<>();
        final Map<String, DeviceAlert> raised = new LinkedHashMap<>();
        Instant last;
    }

    @Override
    public void reported(DeviceEvent event) {
        DeviceAlert.Kind kind = switch (event.kind()) {
            case ALARM -> DeviceAlert.Kind.ALARM;
            case SILENT, DISCONNECTED -> DeviceAlert.Kind.TECHNICAL;
            default -> null;
        };
        String id = event.device().id();
        Instant at = clock.instant();
        synchronized (devices) {
            Device device = device(id, at);
            if (kind == null) {
                if (event.kind() == DeviceEvent.Kind.CONNECTED || event.kind() == DeviceEvent.Kind.IDENTIFIED) {
                    device.events.removeIf(e -> e.kind() == DeviceAlert.Kind.TECHNICAL);
                }
                return;
            }
            String label = event.kind() == DeviceEvent.Kind.ALARM ? "" : event.kind().name().toLowerCase() + ": ";
            device.events.addFirst(new DeviceAlert(id, at, kind, label + event.detail(), null, Set.of()));
            while (device.events.size() > MAX_EVENTS) {
                device.events.removeLast();
            }
        }
    }

    @Override
    public void alarms(io.wardgate.api.DeviceAlarms alarms) {
        String id = alarms.device().id();
        Instant at = clock.instant();
        synchronized (devices) {
            Device device = device(id, at);
            for (Alarm alarm : alarms.alarms()) {
                String key = alarm.conditionKey();
                if (alarm.state() == AlarmState.ENDED) {
                    device.raised.remove(key);
                } else if (device.raised.containsKey(key) || device.raised.size() < MAX_EVENTS) {
                    String text = alarm.priority().name().toLowerCase(java.util.Locale.ROOT) + " priority: "
                            + alarm.text() + (alarm.state() == AlarmState.SILENCED ? " (silenced at the bedside)" : "");
                    device.raised.put(key, new DeviceAlert(id, at, DeviceAlert.Kind.ALARM, text, alarm.source(),
                            Set.of()));
                }
            }
        }
    }

    @Override
    public void admitted(AdmittedReadings admitted) {
        String id = admitted.readings().device().id();
        Instant at = clock.instant();
        synchronized (devices) {
            Device device = null;
            for (Reading reading : admitted.readings().readings()) {
                if (!(reading instanceof Observation o)) {
                    continue;
                }
                EnumSet<StatusFlag> flags = o.status().isEmpty() ? EnumSet.noneOf(StatusFlag.class) : EnumSet.copyOf(o.status());
                flags.removeAll(QUIET);
                int code = o.metric().mdcCode();
                if (flags.isEmpty()) {
                    Device known = devices.get(id);
                    if (known != null) {
                        known.flagged.remove(code);
                    }
                    continue;
                }
                device = device == null ? device(id, at) : device;
                if (device.flagged.containsKey(code) || device.flagged.size() < MAX_FLAGGED) {
                    device.flagged.put(code, new DeviceAlert(id, at, DeviceAlert.Kind.FLAGS, "", o.metric(), flags));
                }
            }
        }
    }

    /** Called with the lock held. A new device makes room by dropping the one heard from longest ago. */
    private Device device(String id, Instant at) {
        Device device = devices.get(id);
        if (device == null) {
            if (devices.size() >= MAX_DEVICES) {
                devices.entrySet().stream().min(Comparator.comparing(e -> e.getValue().last)).map(Map.Entry::getKey)
                        .ifPresent(devices::remove);
            }
            device = new Device();
            devices.put(id, device);
        }
        device.last = at;
        return device;
    }

    @Override
    public List<DeviceAlert> recent(Duration window) {
        Instant from = window.isNegative() ? Instant.MAX : clock.instant().minus(window);
        List<DeviceAlert> out = new ArrayList<>();
        synchronized (devices) {
            for (Device device : devices.values()) {
                device.raised.values().forEach(out::add); // raised until the device ends them, however old
                device.events.stream().filter(e -> !e.at().isBefore(from)).forEach(out::add);
                device.flagged.values().stream().filter(e -> !e.at().isBefore(from)).forEach(out::add);
            }
        }
        out.sort(Comparator.comparing(DeviceAlert::deviceId).thenComparing(DeviceAlert::at, Comparator.reverseOrder()));
        return out;
    }

    /** Devices held, for tests of the bound. */
    int devices() {
        synchronized (devices) {
            return devices.size();
        }
    }
}
