package io.wardgate.serial;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Observation;
import io.wardgate.api.pipeline.ReadingIntake;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A ReadingIntake that records everything it is handed, from any thread. */
final class RecordingIntake implements ReadingIntake {
    final List<DeviceReadings> submitted = new CopyOnWriteArrayList<>();
    final List<DeviceEvent> events = new CopyOnWriteArrayList<>();
    final List<io.wardgate.api.DeviceAlarms> alarms = new CopyOnWriteArrayList<>();

    @Override
    public void raise(io.wardgate.api.DeviceAlarms raised) {
        alarms.add(raised);
    }

    /** When each entry of {@link #submitted} was handed over (same index). */
    final List<java.time.Instant> submittedAt = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void submit(DeviceReadings readings) {
        submittedAt.add(java.time.Instant.now());
        submitted.add(readings);
    }

    @Override
    public void report(DeviceEvent event) {
        events.add(event);
    }

    List<DeviceReadings> submittedFrom(String path) {
        return submitted.stream().filter(r -> r.device().address().equals(path)).toList();
    }

    List<Observation> observationsFrom(String path) {
        return submittedFrom(path).stream().flatMap(r -> r.readings().stream()).map(Observation.class::cast).toList();
    }

    List<DeviceEvent> eventsFrom(String path) {
        return events.stream().filter(e -> e.device().address().equals(path)).toList();
    }

    List<DeviceEvent.Kind> kindsFrom(String path) {
        return eventsFrom(path).stream().map(DeviceEvent::kind).toList();
    }

    long count(String path, DeviceEvent.Kind kind) {
        return eventsFrom(path).stream().filter(e -> e.kind() == kind).count();
    }

    long count(String path, Predicate<DeviceEvent> which) {
        return eventsFrom(path).stream().filter(which).count();
    }
}
