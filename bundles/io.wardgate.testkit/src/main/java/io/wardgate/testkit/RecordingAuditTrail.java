package io.wardgate.testkit;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditTrail;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link AuditTrail} that keeps every event in memory, for assertions. */
public final class RecordingAuditTrail implements AuditTrail {
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
        events.add(event);
    }

    public List<AuditEvent> events() {
        return List.copyOf(events);
    }

    public List<AuditEvent> withAction(String action) {
        return events.stream().filter(e -> e.action().equals(action)).toList();
    }

    public void clear() {
        events.clear();
    }
}
