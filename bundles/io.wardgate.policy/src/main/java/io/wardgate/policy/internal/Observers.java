package io.wardgate.policy.internal;

import io.wardgate.api.DeviceAlarms;
import io.wardgate.api.DeviceEvent;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.policy.api.DeviceEventObserver;
import io.wardgate.policy.api.ReadingObserver;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reading and device-event observers in force. Notifying costs one volatile read when there
 * are none; a failing observer is logged once (not per batch, which a flood would turn into a log
 * flood) and the others are still called.
 */
final class Observers {
    private static final Logger LOG = LoggerFactory.getLogger(Observers.class);

    private final CopyOnWriteArrayList<ReadingObserver> observers = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<DeviceEventObserver> eventObservers = new CopyOnWriteArrayList<>();
    private final Set<Object> failed = ConcurrentHashMap.newKeySet();

    void add(ReadingObserver observer) {
        observers.addIfAbsent(observer);
    }

    void remove(ReadingObserver observer) {
        observers.remove(observer);
        failed.remove(observer);
    }

    void add(DeviceEventObserver observer) {
        eventObservers.addIfAbsent(observer);
    }

    void remove(DeviceEventObserver observer) {
        eventObservers.remove(observer);
        failed.remove(observer);
    }

    void admitted(AdmittedReadings readings) {
        notify(observers, o -> o.admitted(readings));
    }

    void reported(DeviceEvent event) {
        notify(eventObservers, o -> o.reported(event));
    }

    void alarms(DeviceAlarms alarms) {
        notify(eventObservers, o -> o.alarms(alarms));
    }

    private <T> void notify(List<T> targets, Consumer<T> call) {
        for (T observer : targets) {
            try {
                call.accept(observer);
            } catch (RuntimeException | LinkageError e) {
                if (failed.add(observer)) { // the exception's message is not logged: it may quote a value
                    LOG.warn("observer {} failed ({}); further failures of it are not logged",
                            observer.getClass().getName(), e.getClass().getName());
                }
            }
        }
    }
}
