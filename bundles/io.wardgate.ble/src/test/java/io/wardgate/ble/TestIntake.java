package io.wardgate.ble;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Observation;
import io.wardgate.api.pipeline.ReadingIntake;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects what the driver hands in. */
final class TestIntake implements ReadingIntake {
    final List<DeviceReadings> readings = new CopyOnWriteArrayList<>();
    final List<DeviceEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void submit(DeviceReadings batch) {
        readings.add(batch);
    }

    @Override
    public void report(DeviceEvent event) {
        events.add(event);
    }

    List<DeviceReadings> from(String address) {
        return readings.stream().filter(r -> r.device().address().equals(address)).toList();
    }

    /** The values of the readings from a device, as text, in arrival order. */
    List<String> values(String address) {
        return from(address).stream().flatMap(r -> r.readings().stream())
                .map(r -> ((Observation) r).value() == null ? "-" : ((Observation) r).value().toString()).toList();
    }

    long events(String address, DeviceEvent.Kind kind) {
        return events.stream().filter(e -> e.device().address().equals(address) && e.kind() == kind).count();
    }
}
