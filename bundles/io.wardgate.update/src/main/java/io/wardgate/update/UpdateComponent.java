package io.wardgate.update;

import io.wardgate.api.DataDirectory;
import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditTrail;
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
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * check always runs; installs need the trusted release keys file). A package copied into
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

    private final BundleContext context;
    private final AuditTrail audit;
    private final UpdateService service;
    private final Path inbox;
    private final ScheduledExecutorService worker;
    private final IntegrityReport integrity;
    private final Thread shutdownHook;
    private final AtomicBoolean inboxStarted = new AtomicBoolean();
    private final FrameworkListener frameworkStarted = event -> {
        if (event.getType() == FrameworkEvent.STARTED) {
            startInbox();
        }
    };
    private ScheduledFuture<?> pendingConfigRecord;
    /** PIDs changed through ConfigAdmin whose files FileInstall is about to write (until they are recorded). */
    private final java.util.Set<String> changedThroughConfigAdmin = new java.util.HashSet<>();

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
        this.integrity = service.checkIntegrity();
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "wardgate-update"));
        this.shutdownHook = new Thread(this::flushConfigRecord, "wardgate-update-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        context.addFrameworkListener(frameworkStarted);
        if (context.getBundle(0).getState() == Bundle.ACTIVE) {
            startInbox();
        }
    }

    /** Staged packages are installed once, after the framework finished starting (or at once if it has). */
    private void startInbox() {
        if (inboxStarted.compareAndSet(false, true)) {
            worker.execute(this::installFromInbox);
        }
    }

    @Override
    public InstallResult install(Path signedPackage, String actor, Consumer<String> progress) {
        return service.install(signedPackage, actor, progress);
    }

    @Override
    public String installedVersion() {
        return service.installedVersion();
    }

    @Override
    public IntegrityReport integrity() {
        return integrity;
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
        if (Thread.currentThread().getName().startsWith(FILE_INSTALL_THREAD)) {
            synchronized (this) {
                // FileInstall re-reading the file it just wrote for a ConfigAdmin change is no edit.
                if (changedThroughConfigAdmin.contains(pid)) {
                    return;
                }
            }
            Optional<String> file = fileOf(event);
            try {
                worker.execute(() -> service.checkConfigurationEdits(file));
            } catch (RejectedExecutionException stopping) {
                // the next start's integrity check reports the edit
            }
            return;
        }
        // fileinstall writes the changed file in its own listener: record the digests a moment later.
        synchronized (this) {
            if (pid != null) {
                changedThroughConfigAdmin.add(pid);
            }
            if (pendingConfigRecord != null) {
                pendingConfigRecord.cancel(false);
            }
            if (!worker.isShutdown()) {
                pendingConfigRecord = worker.schedule(this::recordConfiguration, 1, TimeUnit.SECONDS);
            }
        }
    }

    private void recordConfiguration() {
        java.util.Set<String> recorded;
        synchronized (this) {
            recorded = new java.util.HashSet<>(changedThroughConfigAdmin);
        }
        service.recordConfiguration();
        synchronized (this) {
            changedThroughConfigAdmin.removeAll(recorded);
        }
    }

    /** The file FileInstall keeps the configuration in (its felix.fileinstall.filename property), if any. */
    private Optional<String> fileOf(ConfigurationEvent event) {
        try {
            org.osgi.service.cm.ConfigurationAdmin admin = context.getService(event.getReference());
            if (admin == null) {
                return Optional.empty();
            }
            try {
                java.util.Dictionary<String, Object> properties = admin.getConfiguration(event.getPid(), "?").getProperties();
                Object name = properties == null ? null : properties.get("felix.fileinstall.filename");
                return name == null ? Optional.empty()
                        : Optional.of(Path.of(java.net.URI.create(name.toString())).getFileName().toString());
            } finally {
                context.ungetService(event.getReference());
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A change recorded late is recorded now (SIGTERM ends the JVM without stopping the framework). */
    private synchronized void flushConfigRecord() {
        if (pendingConfigRecord != null && pendingConfigRecord.cancel(false)) {
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
        worker.shutdownNow();
    }
}
