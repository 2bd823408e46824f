package io.wardgate.testkit;

import io.wardgate.api.DeviceAlarms;
import io.wardgate.api.DeviceEvent;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Observation;
import io.wardgate.api.pipeline.ReadingIntake;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A ReadingIntake that records everything it is handed, from any thread, for tests of sources (serial
 * ports, network peers): what each device address submitted, reported and raised.
 */
public final class RecordingIntake implements ReadingIntake {
    public final List<DeviceReadings> submitted = new CopyOnWriteArrayList<>();
    public final List<DeviceEvent> events = new CopyOnWriteArrayList<>();
    public final List<DeviceAlarms> alarms = new CopyOnWriteArrayList<>();

    @Override
    public void raise(DeviceAlarms raised) {
        alarms.add(raised);
    }

    @Override
    public void submit(DeviceReadings readings) {
        submitted.add(readings);
    }

    @Override
    public void report(DeviceEvent event) {
        events.add(event);
    }

    /** The batches submitted under a device address (serial port path, IP address). */
    public List<DeviceReadings> from(String address) {
        return submitted.stream().filter(r -> r.device().address().equals(address)).toList();
    }

    public List<Observation> observationsFrom(String address) {
        return from(address).stream().flatMap(r -> r.readings().stream()).filter(Observation.class::isInstance)
                .map(Observation.class::cast).toList();
    }

    public List<DeviceEvent> eventsFrom(String address) {
        return events.stream().filter(e -> e.device().address().equals(address)).toList();
    }

    public List<DeviceEvent.Kind> kindsFrom(String address) {
        return eventsFrom(address).stream().map(DeviceEvent::kind).toList();
    }

    public long count(String address, DeviceEvent.Kind kind) {
        return count(address, e -> e.kind() == kind);
    }

    public long count(String address, Predicate<DeviceEvent> which) {
        return eventsFrom(address).stream().filter(which).count();
    }
}
