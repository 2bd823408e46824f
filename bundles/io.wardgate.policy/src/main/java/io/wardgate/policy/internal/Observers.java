package io.wardgate.policy.internal;

import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.policy.api.ReadingObserver;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reading observers in force. Notifying costs one volatile read when there are none; a failing
 * observer is logged once (not per batch, which a flood would turn into a log flood) and the
 * others are still called.
 */
final class Observers {
    private static final Logger LOG = LoggerFactory.getLogger(Observers.class);

    private final CopyOnWriteArrayList<ReadingObserver> observers = new CopyOnWriteArrayList<>();
    private final Set<ReadingObserver> failed = ConcurrentHashMap.newKeySet();

    void add(ReadingObserver observer) {
        observers.addIfAbsent(observer);
    }

    void remove(ReadingObserver observer) {
        observers.remove(observer);
        failed.remove(observer);
    }

    void admitted(AdmittedReadings readings) {
        for (ReadingObserver observer : observers) {
            try {
                observer.admitted(readings);
            } catch (RuntimeException | LinkageError e) {
                if (failed.add(observer)) { // the exception's message is not logged: it may quote a value
                    LOG.warn("reading observer {} failed ({}); further failures of it are not logged",
                            observer.getClass().getName(), e.getClass().getName());
                }
            }
        }
    }
}
