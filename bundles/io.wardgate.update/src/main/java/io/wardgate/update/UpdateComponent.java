package io.wardgate.update;

import io.wardgate.api.DataDirectory;
import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.pipeline.Uplink;
import io.wardgate.update.api.InstallResult;
import io.wardgate.update.api.IntegrityReport;
import io.wardgate.update.api.UpdateInstaller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.SynchronousConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed updates and the start-time integrity check. Runs with defaults without configuration (the
 * check always runs; installs need the trusted release keys file). The check runs once per start, on
 * this component's worker once the framework has started and the uplink connected (it hashes every
 * bundle: about 0.3 s of CPU that held up the start-level thread and slowed the uplink's first
 * connection, docs/benchmarks.md), or earlier in whichever thread first needs its result: {@link #integrity()}, an
 * install, or a configuration record (which must compare against the record before renewing it). A package copied into
 * {@code <state>/inbox/} while the gateway is stopped is installed at the next start, after the
 * framework finished starting, with the same checks (for offline installs by a technician).
 */
@Component(service = {UpdateInstaller.class, SynchronousConfigurationListener.class}, immediate = true,
        configurationPid = UpdateComponent.PID)
@Designate(ocd = UpdateConfiguration.class)
public final class UpdateComponent implements UpdateInstaller, SynchronousConfigurationListener {
    /** FileInstall's directory watcher threads: an update from one of them comes from a file read, not ConfigAdmin. */
    static final String FILE_INSTALL_THREAD = "fileinstall-";
    static final String PID = "io.wardgate.update.Update";
    private static final Logger LOG = LoggerFactory.getLogger(UpdateComponent.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ServiceComponentRuntime scr;

    /** While the uplink makes its first connection, the check waits (at most {@link #UPLINK_WAIT}). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Uplink uplink;
    static final Duration UPLINK_WAIT = Duration.ofSeconds(10);
    /** The uplink's configuration file(s) in the configuration directory. */
    static final String UPLINK_CONFIG = "io.wardgate.uplink.Uplink";
    private final boolean uplinkConfigured;
    private static final long UPLINK_LOOK_MILLIS = 100;

    private final BundleContext context;
    private final AuditTrail audit;
    private final UpdateService service;
    private final Path inbox;
    private final ScheduledExecutorService worker;
    /** The start-time check: run once, by the first of the worker and the callers that need it. */
    private final FutureTask<IntegrityReport> integrity;
    private final Thread shutdownHook;
    private final AtomicBoolean afterStartQueued = new AtomicBoolean();
    private final FrameworkListener frameworkStarted = event -> {
        if (event.getType() == FrameworkEvent.STARTED) {
            afterFrameworkStarted();
        }
    };
    private ScheduledFuture<?> pendingConfigRecord;
    /** A file FileInstall read before the start check was done: checked after it. */
    private boolean editsBeforeCheck;
    /**
     * PIDs changed through ConfigAdmin whose files are about to be written back (until they are recorded),
     * with the properties ConfigAdmin then held: FileInstall reading that file back is no edit, a different
     * content read from the file in that time is one.
     */
    private final java.util.Map<String, java.util.Map<String, Object>> changedThroughConfigAdmin = new java.util.HashMap<>();

    @Activate
    public UpdateComponent(UpdateConfiguration config, BundleContext context, @Reference AuditTrail audit) {
        this.context = context;
        this.audit = audit;
        String data = context.getProperty(DataDirectory.PROPERTY);
        Path state = DataDirectory.resolve(data, config.stateDirectory());
        String storage = context.getProperty("org.osgi.framework.storage");
        FrameworkFiles files = new FrameworkFiles(Path.of(storage == null ? "felix-cache" : storage));
        String conf = context.getProperty("felix.fileinstall.dir");
        Installer installer = new Installer(context, files, this::componentFailure, new Installer.Settings(
                Duration.ofMinutes(2), Duration.ofMillis(config.settleMillis()), context.getBundle().getSymbolicName()));
        this.service = new UpdateService(context, files, installer, audit, new UpdateService.Settings(state,
                DataDirectory.resolve(data, config.trustedKeysPath()), conf == null ? null : Path.of(conf),
                config.packageName(), new PackageVerifier.Limits(config.maxPackageBytes(), config.maxBundleBytes(),
                        config.maxBundles())), Clock.systemUTC());
        this.inbox = state.resolve("inbox");
        this.uplinkConfigured = conf != null && hasFile(Path.of(conf), UPLINK_CONFIG);
        this.integrity = new FutureTask<>(service::checkIntegrity);
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "wardgate-update"));
        this.shutdownHook = new Thread(this::flushConfigRecord, "wardgate-update-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        context.addFrameworkListener(frameworkStarted);
        if (context.getBundle(0).getState() == Bundle.ACTIVE) {
            afterFrameworkStarted();
        }
    }

    /**
     * Once the framework finished starting (or at once if it has) and the uplink made its first connection
     * (or none is configured, or {@link #UPLINK_WAIT} passed: on 2 cores the check's hashing would otherwise slow the
     * TLS handshake the first reading waits for): the integrity check, then the staged packages, in that
     * order (an install renews the record the check compares against).
     */
    private void afterFrameworkStarted() {
        if (afterStartQueued.compareAndSet(false, true)) {
            long deadline = System.nanoTime() + UPLINK_WAIT.toNanos();
            try {
                worker.execute(() -> afterUplinkConnected(deadline));
            } catch (RejectedExecutionException stopping) {
                // deactivated before the framework finished starting: deactivate() runs the check
            }
        }
    }

    private void afterUplinkConnected(long deadline) {
        Uplink current = uplink;
        // The uplink's configuration can reach it after the framework started (FileInstall reads in its own thread).
        boolean waiting = current == null ? uplinkConfigured : !current.status().connected();
        if (waiting && System.nanoTime() < deadline) {
            try {
                worker.schedule(() -> afterUplinkConnected(deadline), UPLINK_LOOK_MILLIS, TimeUnit.MILLISECONDS);
                return;
            } catch (RejectedExecutionException stopping) {
                return; // deactivate() runs the check
            }
        }
        integrity(); // ran here, or waited for where it runs
        boolean edits;
        synchronized (this) {
            edits = editsBeforeCheck;
            editsBeforeCheck = false;
        }
        if (edits) {
            service.checkConfigurationEdits(Optional.empty()); // those after the check's snapshot
        }
        installFromInbox();
    }

    @Override
    public InstallResult install(Path signedPackage, String actor, Consumer<String> progress) {
        integrity(); // compares against the record before this install renews it
        return service.install(signedPackage, actor, progress);
    }

    @Override
    public String installedVersion() {
        return service.installedVersion();
    }

    @Override
    public IntegrityReport integrity() {
        integrity.run(); // nothing when it ran or runs elsewhere: get() then waits for it
        try {
            return integrity.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the start-time integrity check", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the start-time integrity check failed", e.getCause());
        }
    }

    @Override
    public void restart(String actor, long delayMillis) {
        if (context.getProperty("launch.name") == null) {
            throw new IllegalStateException("restart works only in the WardGate appliance launcher (wardgate.jar)");
        }
        audit.record(new AuditEvent(java.time.Instant.now(), actor, "RESTART_REQUESTED", "gateway",
                AuditEvent.Outcome.SUCCESS, "framework stops in " + Math.max(0, delayMillis) + " ms"));
        LOG.warn("restart requested by {}: stopping the framework; systemd starts the gateway again", actor);
        // Stopping the system bundle deactivates every component in order; the bnd launcher then exits
        // with 117 (STOPPED), a failure for systemd's Restart=on-failure, which starts the service again.
        try {
            worker.schedule(() -> {
                try {
                    context.getBundle(0).stop(); // asynchronous: returns before this component is deactivated
                } catch (BundleException | IllegalStateException e) {
                    LOG.error("restart failed: {}", e.toString());
                }
            }, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the update service is stopping", e);
        }
    }

    /**
     * Delivered in the thread that changed the configuration (synchronous listener). A change made
     * through ConfigAdmin (web UI, remote management) is re-recorded once FileInstall has written the
     * file; a change FileInstall read from an edited file is a live edit of the configuration
     * directory: flagged and audited, never re-recorded (review finding 9).
     */
    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String pid = event.getPid();
        java.util.Map<String, Object> properties = ConfigurationLookup.properties(context, event);
        if (Thread.currentThread().getName().startsWith(FILE_INSTALL_THREAD)) {
            synchronized (this) {
                // FileInstall re-reading the file just written for a ConfigAdmin change is no edit; an edit of
                // that file before the change is recorded is one (it must not be recorded with the change).
                java.util.Map<String, Object> written = changedThroughConfigAdmin.get(pid);
                if (written != null && written.equals(properties)) {
                    return;
                }
            }
            Optional<String> file = ConfigurationLookup.file(context, event);
            try {
                worker.execute(() -> checkConfigurationEdits(file));
            } catch (RejectedExecutionException stopping) {
                // the next start's integrity check reports the edit
            }
            return;
        }
        // fileinstall writes the changed file in its own listener: record the digests a moment later.
        synchronized (this) {
            if (pid != null) {
                changedThroughConfigAdmin.put(pid, properties);
            }
            if (pendingConfigRecord != null) {
                pendingConfigRecord.cancel(false);
            }
            if (!worker.isShutdown()) {
                pendingConfigRecord = worker.schedule(this::recordConfiguration, 1, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * An edit is judged against the record the start check confirmed. Before that check (FileInstall reads
     * every file at start) the check itself reports what differs; what changes after its snapshot is
     * checked once it is done.
     */
    private void checkConfigurationEdits(Optional<String> file) {
        if (!integrity.isDone()) {
            synchronized (this) {
                editsBeforeCheck = true;
            }
            return;
        }
        service.checkConfigurationEdits(file);
    }

    private void recordConfiguration() {
        integrity(); // files changed while the gateway was stopped are reported, not recorded over
        java.util.Map<String, java.util.Map<String, Object>> recorded;
        synchronized (this) {
            recorded = new java.util.HashMap<>(changedThroughConfigAdmin);
        }
        service.recordConfiguration();
        synchronized (this) {
            recorded.forEach(changedThroughConfigAdmin::remove);
        }
    }

    /** A change recorded late is recorded now (SIGTERM ends the JVM without stopping the framework). */
    private synchronized void flushConfigRecord() {
        if (pendingConfigRecord != null && pendingConfigRecord.cancel(false)) {
            integrity();
            service.recordConfiguration();
        }
        pendingConfigRecord = null;
    }

    private Optional<String> componentFailure(Bundle bundle) {
        ServiceComponentRuntime runtime = scr;
        if (runtime == null) {
            return Optional.empty();
        }
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs(bundle)) {
            for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    return Optional.of("component " + description.name + " of " + bundle.getSymbolicName()
                            + " failed to activate: " + PackageVerifier.printable(String.valueOf(configuration.failure))
                                    .lines().findFirst().orElse(""));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean hasFile(Path directory, String prefix) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith(prefix));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void installFromInbox() {
        try {
            if (!Files.isDirectory(inbox)) {
                return;
            }
            List<Path> staged;
            try (Stream<Path> list = Files.list(inbox)) {
                staged = list.filter(p -> p.getFileName().toString().endsWith(".dp") && Files.isRegularFile(p))
                        .sorted().limit(10).toList();
            }
            for (Path file : staged) {
                LOG.info("installing staged update {}", file.getFileName());
                InstallResult result = service.install(file, "system:inbox", line -> LOG.info("update: {}", line));
                Path done = Files.createDirectories(inbox.resolve("processed"));
                Files.move(file, done.resolve(file.getFileName() + "." + result.outcome().name().toLowerCase(
                        java.util.Locale.ROOT)), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.error("could not process the update inbox: {}", e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs or ran
        }
        try {
            context.removeFrameworkListener(frameworkStarted);
        } catch (IllegalStateException contextGone) {
            // the framework stopped first: its listeners went with it
        }
        flushConfigRecord();
        finishIntegrityCheck();
        worker.shutdownNow();
    }

    /**
     * The check runs on every start, even one stopped before the framework finished starting; one running on
     * the worker is let finish (interrupted, its file reads would fail and audit a mismatch that is none).
     */
    private void finishIntegrityCheck() {
        integrity.run();
        try {
            integrity.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("start-time integrity check not finished at stop: {}", e.toString());
        }
    }
}
