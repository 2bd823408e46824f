package io.wardgate.update;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.update.api.InstallResult;
import io.wardgate.update.api.IntegrityReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verify, install, record; and the integrity check against the record. The state directory holds
 * {@code installed.properties} (the last installed package: the version floor for downgrades) and
 * {@code integrity.properties} (the bundle and configuration digests the start check compares).
 */
final class UpdateService {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateService.class);
    static final String INSTALLED = "installed.properties";
    static final String INTEGRITY = "integrity.properties";
    static final String NONE = "none";

    record Settings(Path stateDir, Path trustedKeys, Path confDir, String packageName,
            PackageVerifier.Limits limits) {
    }

    private final BundleContext context;
    private final FrameworkFiles files;
    private final Installer installer;
    private final AuditTrail audit;
    private final Settings settings;
    private final Clock clock;
    /**
     * Configuration files edited outside ConfigAdmin since the record was written (record keys): they
     * keep their recorded digests, so the start check reports them until the record is renewed.
     */
    private final java.util.Set<String> liveEdited = new java.util.TreeSet<>();

    UpdateService(BundleContext context, FrameworkFiles files, Installer installer, AuditTrail audit,
            Settings settings, Clock clock) {
        this.context = context;
        this.files = files;
        this.installer = installer;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    String installedVersion() {
        try {
            return StateFile.read(settings.stateDir().resolve(INSTALLED)).getOrDefault("package.version", NONE);
        } catch (IOException e) {
            return NONE;
        }
    }

    synchronized InstallResult install(Path file, String actor, Consumer<String> progress) {
        Path work = settings.stateDir().resolve("work");
        VerifiedPackage pkg = null;
        try {
            deleteTree(work);
            TrustedReleaseKeys trusted;
            try {
                trusted = TrustedReleaseKeys.load(settings.trustedKeys());
            } catch (IOException e) {
                throw new Refused("no usable trusted release keys: " + PackageVerifier.printable(e.getMessage()));
            }
            pkg = new PackageVerifier(trusted, settings.limits()).verify(file, work.resolve("package"));
            progress.accept("signature verified (release key " + pkg.signer() + ")");
            if (!pkg.symbolicName().equals(settings.packageName())) {
                throw new Refused("package " + pkg.symbolicName() + " is not " + settings.packageName());
            }
            String floor = installedVersion();
            if (!floor.equals(NONE) && pkg.version().compareTo(Version.parseVersion(floor)) <= 0) {
                throw new Refused("version " + pkg.version() + " is not newer than the installed " + floor
                        + " (no downgrade, no reinstall)");
            }
            installer.precheck(pkg);
            progress.accept("installing " + pkg.bundles().size() + " bundles of version " + pkg.version());
            Installer.Result result = installer.install(pkg, work.resolve("backup"), progress);
            if (result.failure() == null) {
                record(pkg);
                return done(actor, pkg, InstallResult.Outcome.INSTALLED, "", Outcome.SUCCESS, "UPDATE_INSTALLED");
            }
            return done(actor, pkg, result.restored() ? InstallResult.Outcome.ROLLED_BACK : InstallResult.Outcome.FAILED,
                    result.failure(), Outcome.FAILURE, result.restored() ? "UPDATE_ROLLED_BACK" : "UPDATE_FAILED");
        } catch (Refused e) {
            return done(actor, pkg, InstallResult.Outcome.REFUSED, e.getMessage(), Outcome.DENIED, "UPDATE_REFUSED");
        } catch (IOException | RuntimeException e) {
            return done(actor, pkg, InstallResult.Outcome.REFUSED,
                    "could not read or stage the package: " + PackageVerifier.printable(String.valueOf(e.getMessage())),
                    Outcome.FAILURE, "UPDATE_REFUSED");
        } finally {
            try {
                deleteTree(work);
            } catch (IOException e) {
                LOG.warn("could not clean {}: {}", work, e.getMessage());
            }
        }
    }

    private InstallResult done(String actor, VerifiedPackage pkg, InstallResult.Outcome outcome, String reason,
            Outcome auditOutcome, String action) {
        String name = pkg == null ? "" : pkg.symbolicName();
        String version = pkg == null ? "" : pkg.version().toString();
        InstallResult result = new InstallResult(outcome, name, version, PackageVerifier.printable(reason),
                pkg == null ? List.of() : pkg.labels());
        String detail = PackageVerifier.printable((version.isEmpty() ? "" : "version " + version + ": ")
                + (reason.isEmpty() ? "installed " + String.join(", ", result.bundles()) : reason));
        audit.record(new AuditEvent(clock.instant(), actor, action, name.isEmpty() ? "update" : name, auditOutcome,
                detail.length() > 1000 ? detail.substring(0, 1000) : detail));
        if (outcome == InstallResult.Outcome.INSTALLED) {
            LOG.info("update {} {} installed: {}", name, version, result.bundles());
        } else {
            LOG.error("update {} {}: {}", outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                    version, result.reason());
        }
        return result;
    }

    private void record(VerifiedPackage pkg) throws IOException {
        Map<String, String> installed = new TreeMap<>();
        installed.put("package.name", pkg.symbolicName());
        installed.put("package.version", pkg.version().toString());
        installed.put("package.signer", pkg.signer());
        installed.put("installed.at", clock.instant().toString());
        StateFile.write(settings.stateDir().resolve(INSTALLED), installed);
        new IntegrityRecord(settings.stateDir().resolve(INTEGRITY)).write(Snapshot.take(context, files, settings.confDir()));
    }

    /**
     * Whether the running wardgate.jar embeds a bundle of a given name; read only when a recorded bundle is
     * missing. When it cannot be told, every bundle counts as carried (a missing one stays a mismatch).
     */
    private static Predicate<String> carriedByRunningJar(Map<String, String> recorded, Map<String, String> now) {
        boolean missing = Snapshot.only(recorded, Snapshot.BUNDLE).keySet().stream().anyMatch(k -> !now.containsKey(k));
        if (!missing) {
            return name -> true;
        }
        try {
            Optional<Path> jar = LauncherJar.running();
            Optional<Set<String>> names = jar.isPresent() ? LauncherJar.symbolicNames(jar.get()) : Optional.empty();
            return names.isPresent() ? names.get()::contains : name -> true;
        } catch (IOException e) {
            LOG.warn("integrity: cannot read which bundles wardgate.jar carries: {}", e.toString());
            return name -> true;
        }
    }

    /** The start check: compare, report, keep the record (a first start records the baseline). */
    synchronized IntegrityReport checkIntegrity() {
        String version = installedVersion();
        try {
            IntegrityRecord file = new IntegrityRecord(settings.stateDir().resolve(INTEGRITY));
            Map<String, String> now = Snapshot.take(context, files, settings.confDir());
            if (!file.exists()) {
                file.write(now);
                audit.record(new AuditEvent(clock.instant(), "system", "INTEGRITY_BASELINE", "gateway", Outcome.SUCCESS,
                        "no integrity record: recorded " + Snapshot.only(now, Snapshot.BUNDLE).size() + " bundles and "
                                + Snapshot.only(now, Snapshot.CONFIG).size() + " configuration files"));
                LOG.info("integrity: no record yet, baseline recorded");
                return new IntegrityReport(clock.instant(), version, List.of(), List.of("baseline recorded"));
            }
            Map<String, String> recorded = file.read();
            IntegrityCheck.Outcome outcome = IntegrityCheck.compare(recorded, now, version, clock.instant(),
                    carriedByRunningJar(recorded, now));
            // Configuration files changed while the gateway was stopped stay reported, as live edits do.
            Snapshot.only(now, Snapshot.CONFIG).forEach((k, v) -> {
                if (!Digests.same(recorded.get(k), v)) {
                    liveEdited.add(k);
                }
            });
            Snapshot.only(recorded, Snapshot.CONFIG).keySet().stream().filter(k -> !now.containsKey(k))
                    .forEach(liveEdited::add);
            if (!outcome.report().notes().isEmpty()) {
                file.write(outcome.record());
                for (String note : outcome.report().notes()) {
                    LOG.warn("integrity: {}", note);
                }
                audit.record(new AuditEvent(clock.instant(), "system", "INTEGRITY_BASE_CHANGED", "gateway",
                        Outcome.WARNING, clip(String.join("; ", outcome.report().notes()))));
            }
            if (outcome.report().ok()) {
                LOG.info("integrity: installed bundles and configuration match the record (update {})", version);
                audit.record(new AuditEvent(clock.instant(), "system", "INTEGRITY_OK", "gateway", Outcome.SUCCESS,
                        "update " + version));
            } else {
                for (String mismatch : outcome.report().mismatches()) {
                    LOG.error("INTEGRITY MISMATCH: {}", mismatch);
                }
                audit.record(new AuditEvent(clock.instant(), "system", "INTEGRITY_MISMATCH", "gateway", Outcome.FAILURE,
                        clip(String.join("; ", outcome.report().mismatches()))));
            }
            return outcome.report();
        } catch (IOException | RuntimeException e) {
            String why = "integrity check could not run: " + PackageVerifier.printable(String.valueOf(e.getMessage()));
            LOG.error("INTEGRITY MISMATCH: {}", why);
            audit.record(new AuditEvent(clock.instant(), "system", "INTEGRITY_MISMATCH", "gateway", Outcome.FAILURE,
                    clip(why)));
            return new IntegrityReport(clock.instant(), version, List.of(why), List.of());
        }
    }

    /**
     * After FileInstall read a changed file ({@code only}, or any when unknown): a configuration file
     * that differs from the record is a live edit.
     */
    synchronized void checkConfigurationEdits(java.util.Optional<String> only) {
        IntegrityRecord file = new IntegrityRecord(settings.stateDir().resolve(INTEGRITY));
        try {
            Map<String, String> recorded = file.read();
            Map<String, String> files = Snapshot.config(settings.confDir());
            List<String> edits = new java.util.ArrayList<>();
            java.util.Set<String> keys = new java.util.TreeSet<>(Snapshot.only(recorded, Snapshot.CONFIG).keySet());
            keys.addAll(files.keySet());
            only.ifPresent(name -> keys.retainAll(java.util.Set.of(Snapshot.CONFIG + name)));
            for (String key : keys) {
                if (!Digests.same(recorded.get(key), files.get(key)) && liveEdited.add(key)) {
                    edits.add(key.substring(Snapshot.CONFIG.length()));
                }
            }
            if (edits.isEmpty()) {
                return;
            }
            String why = "configuration file(s) " + String.join(", ", edits) + " edited in the configuration directory"
                    + " outside ConfigAdmin and remote management: not re-recorded";
            LOG.error("INTEGRITY MISMATCH: {}", why);
            audit.record(new AuditEvent(clock.instant(), "system", "INTEGRITY_MISMATCH", "configuration",
                    Outcome.FAILURE, clip(why)));
        } catch (IOException e) {
            LOG.error("INTEGRITY MISMATCH: configuration edit not checked: {}", e.getMessage());
            audit.record(new AuditEvent(clock.instant(), "system", "INTEGRITY_MISMATCH", "configuration",
                    Outcome.FAILURE, clip("configuration edit not checked: " + e.getMessage())));
        }
    }

    /** Re-records the configuration digests after a change made through ConfigAdmin (live edits keep theirs). */
    synchronized void recordConfiguration() {
        IntegrityRecord file = new IntegrityRecord(settings.stateDir().resolve(INTEGRITY));
        try {
            Map<String, String> record = new TreeMap<>(file.read());
            record.keySet().removeIf(k -> k.startsWith(Snapshot.CONFIG) && !liveEdited.contains(k));
            Snapshot.config(settings.confDir()).forEach((k, v) -> {
                if (!liveEdited.contains(k)) {
                    record.put(k, v);
                }
            });
            file.write(record);
        } catch (IOException e) {
            LOG.warn("could not record the configuration digests: {}", e.getMessage());
        }
    }

    private static String clip(String s) {
        String p = PackageVerifier.printable(s.replace('\n', ' '));
        return p.length() > 1000 ? p.substring(0, 1000) : p;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
