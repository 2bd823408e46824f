package io.wardgate.runtime;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards what framework bundles (SCR, ConfigAdmin, FileInstall, Jetty) write to the OSGi Log
 * Service into slf4j, so every message reaches the same place (stderr, the journal).
 */
@Component(immediate = true)
public class LogBridge implements LogListener {
    private final LogReaderService reader;

    @Activate
    public LogBridge(@Reference LogReaderService reader) {
        this.reader = reader;
        reader.addLogListener(this);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        String name = entry.getBundle() == null ? "osgi" : entry.getBundle().getSymbolicName();
        Logger logger = LoggerFactory.getLogger(name);
        LogLevel level = entry.getLogLevel();
        String message = entry.getMessage();
        Throwable error = entry.getException();
        switch (level) {
            case AUDIT, ERROR -> logger.error(message, error);
            case WARN -> logger.warn(message, error);
            case INFO -> logger.info(message, error);
            default -> logger.debug(message, error);
        }
    }
}
