package io.wardgate.outbox;

import io.wardgate.api.DataDirectory;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.pipeline.Outbox;
import io.wardgate.api.pipeline.OutboxStatus;
import io.wardgate.api.pipeline.Precedence;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.api.pipeline.StoreOutcome;
import io.wardgate.api.pipeline.StoredEnvelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import io.wardgate.api.manage.StatusContribution;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The outbox service. Works without configuration (the database then lives in the bundle's data area).
 * A configuration change restarts it; stored envelopes stay.
 */
@Component(service = Outbox.class, configurationPid = OutboxComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = OutboxConfiguration.class)
public final class OutboxComponent implements Outbox {
    static final String PID = "io.wardgate.outbox.Outbox";
    /** The system property sqlite-jdbc reads for where to extract its native library. */
    static final String SQLITE_TMPDIR = "org.sqlite.tmpdir";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditTrail auditTrail;

    private final OutboxEngine engine;
    /** The integrity check's status section (none without a framework: tests). */
    private final ServiceRegistration<StatusContribution> checkSection;

    @Activate
    public OutboxComponent(BundleContext context, OutboxConfiguration config) {
        this(context.getProperty(DataDirectory.PROPERTY), config, context);
    }

    OutboxComponent(String dataDirectory, OutboxConfiguration config) {
        this(dataDirectory, config, null);
    }

    private OutboxComponent(String dataDirectory, OutboxConfiguration config, BundleContext context) {
        useNativeLibraryDirectory(config.nativeLibraryDirectory());
        this.engine = new OutboxEngine(settings(dataDirectory, config), Clock.systemUTC(), System::nanoTime, () -> auditTrail);
        // registered by hand: Outbox.status() and StatusContribution.status() cannot share one class
        this.checkSection = context == null ? null : context.registerService(StatusContribution.class,
                new OutboxCheckSection(engine::integrity),
                new java.util.Hashtable<>(Map.of(StatusContribution.NAME, OutboxCheckSection.NAME)));
    }

    static OutboxSettings settings(String dataDirectory, OutboxConfiguration config) {
        String configured = config.databasePath().isBlank() ? "outbox/outbox.db" : config.databasePath();
        Path file = DataDirectory.resolve(dataDirectory, configured);
        return new OutboxSettings(file, config.capacityBytes(), Duration.ofHours(config.maxAgeHours()),
                config.policyWhenFull(), config.maxDatabaseBytes(), Duration.ofMinutes(1));
    }

    /**
     * sqlite-jdbc extracts its native library into java.io.tmpdir unless org.sqlite.tmpdir says otherwise.
     * A JVM flag wins; otherwise the configured directory is used (it must be set before SQLite loads).
     */
    static void useNativeLibraryDirectory(String directory) {
        if (directory.isBlank() || System.getProperty(SQLITE_TMPDIR) != null) {
            return;
        }
        try {
            Files.createDirectories(Path.of(directory));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the native library directory " + directory, e);
        }
        System.setProperty(SQLITE_TMPDIR, directory);
    }

    @Deactivate
    void deactivate() {
        if (checkSection != null) {
            checkSection.unregister();
        }
        engine.close();
    }

    @Override
    public StoreOutcome store(SealedEnvelope envelope) {
        return engine.store(envelope);
    }

    @Override
    public StoreOutcome store(SealedEnvelope envelope, Precedence precedence) {
        return engine.store(envelope, precedence);
    }

    @Override
    public CompletionStage<StoreOutcome> storeAsync(SealedEnvelope envelope, Precedence precedence) {
        return engine.storeAsync(envelope, precedence);
    }

    @Override
    public List<CompletionStage<StoreOutcome>> storeAllAsync(List<SealedEnvelope> envelopes, Precedence precedence) {
        return engine.storeAllAsync(envelopes, precedence);
    }

    @Override
    public List<StoredEnvelope> next(int max) {
        return engine.next(max);
    }

    @Override
    public boolean onStored(Runnable listener) {
        return engine.onStored(listener);
    }

    @Override
    public void uplinkConnected() {
        engine.uplinkConnected();
    }

    @Override
    public List<StoredEnvelope> nextAlarms(int max) {
        return engine.nextAlarms(max);
    }

    @Override
    public void acknowledge(long storageId) {
        engine.acknowledge(storageId);
    }

    @Override
    public void release(long storageId) {
        engine.release(storageId);
    }

    @Override
    public long lastSequence(String deviceId, long epoch) {
        return engine.lastSequence(deviceId, epoch);
    }

    @Override
    public OutboxStatus status() {
        return engine.status();
    }
}
