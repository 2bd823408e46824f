package io.wardgate.network;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.pipeline.ReadingIntake;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A ReadingIntake that records everything it is handed, from any thread. */
final class RecordingIntake implements ReadingIntake {
    final List<DeviceReadings> submitted = new CopyOnWriteArrayList<>();
    final List<DeviceEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void submit(DeviceReadings readings) {
        submitted.add(readings);
    }

    @Override
    public void report(DeviceEvent event) {
        events.add(event);
    }

    List<DeviceReadings> from(String address) {
        return submitted.stream().filter(r -> r.device().address().equals(address)).toList();
    }

    List<DeviceEvent> eventsFrom(String address) {
        return events.stream().filter(e -> e.device().address().equals(address)).toList();
    }
}
