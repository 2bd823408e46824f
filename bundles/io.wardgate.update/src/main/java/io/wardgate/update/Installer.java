package io.wardgate.update;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Installs a verified package in the running framework, all or nothing: the current jars of the
 * bundles it replaces are copied to a backup first; the package's bundles are updated or installed,
 * refreshed and started; if any fails to start (or its components fail to activate) the backup is
 * put back, refreshed and started, and the failure is reported as a rollback.
 */
final class Installer {
    /** Why a just-started bundle is not healthy (e.g. a DS component in FAILED_ACTIVATION), if it is not. */
    @FunctionalInterface
    interface StartCheck {
        Optional<String> failure(Bundle bundle);
    }

    record Settings(Duration refreshTimeout, Duration settle, String ownSymbolicName) {
    }

    /** The outcome: null failure means installed; otherwise whether the rollback restored everything. */
    record Result(String failure, boolean restored) {
    }

    private record Touched(VerifiedPackage.Bundle packaged, Bundle bundle, Path backup) {
    }

    private final BundleContext context;
    private final FrameworkFiles files;
    private final StartCheck check;
    private final Settings settings;

    Installer(BundleContext context, FrameworkFiles files, StartCheck check, Settings settings) {
        this.context = context;
        this.files = files;
        this.check = check;
        this.settings = settings;
    }

    /** Checks against what is installed now, before anything changes. */
    void precheck(VerifiedPackage pkg) throws Refused, IOException {
        Map<String, Bundle> installed = installedByName();
        List<Bundle> existing = new ArrayList<>();
        for (VerifiedPackage.Bundle b : pkg.bundles()) {
            if (b.symbolicName().equals(settings.ownSymbolicName()) || b.symbolicName().equals("system.bundle")
                    || b.symbolicName().equals(context.getBundle(0).getSymbolicName())) {
                throw new Refused(b.symbolicName() + " cannot be updated by a package: ship it in a new wardgate.jar");
            }
            Bundle current = installed.get(b.symbolicName());
            if (current != null) {
                if (b.version().compareTo(current.getVersion()) < 0) {
                    throw new Refused("bundle " + b.symbolicName() + " " + b.version() + " is older than the installed "
                            + current.getVersion());
                }
                if (files.content(current.getBundleId()).isEmpty()) {
                    throw new Refused("cannot back up " + b.symbolicName() + ": framework storage not readable");
                }
                existing.add(current);
            }
        }
        Bundle own = context.getBundle();
        if (own != null && own.getBundleId() != 0 && !existing.isEmpty()) {
            Collection<Bundle> closure = context.getBundle(0).adapt(FrameworkWiring.class).getDependencyClosure(existing);
            if (closure.contains(own)) {
                throw new Refused("the package replaces a bundle the updater itself depends on: ship it in a new wardgate.jar");
            }
        }
    }

    Result install(VerifiedPackage pkg, Path backupDir, Consumer<String> progress) throws IOException {
        Map<String, Bundle> installed = installedByName();
        List<Bundle> wereActive = active();
        Files.createDirectories(backupDir);
        List<Touched> touched = new ArrayList<>();
        for (VerifiedPackage.Bundle b : pkg.bundles()) {
            Bundle current = installed.get(b.symbolicName());
            Path backup = null;
            if (current != null) {
                backup = backupDir.resolve(current.getBundleId() + ".jar");
                Files.copy(files.content(current.getBundleId()).orElseThrow(), backup);
            }
            touched.add(new Touched(b, current, backup));
        }
        progress.accept("backed up " + touched.stream().filter(t -> t.backup() != null).count() + " bundles");
        List<Bundle> changed = new ArrayList<>();
        String failure = null;
        try {
            for (Touched t : touched) {
                try (InputStream in = Files.newInputStream(t.packaged().file())) {
                    if (t.bundle() != null) {
                        changed.add(t.bundle());
                        // Felix restarts an updated bundle that was active, and reports a failing activator here.
                        updateKeepingStartLevel(t.bundle(), in);
                    } else {
                        changed.add(context.installBundle("wardgate-update:" + t.packaged().symbolicName(), in));
                    }
                } catch (BundleException e) {
                    failure = describe(t.packaged().label(), e);
                    break;
                }
            }
            if (failure == null) {
                progress.accept("installed " + changed.size() + " bundles, refreshing");
                refresh(changed);
                failure = start(changed);
            }
        } catch (IOException | RuntimeException e) {
            failure = PackageVerifier.printable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (failure == null) {
            return new Result(null, true);
        }
        progress.accept("failed (" + failure + "), rolling back");
        return new Result(failure, rollback(touched, changed, wereActive));
    }

    private String start(List<Bundle> changed) {
        for (Bundle bundle : changed) {
            if (bundle.getHeaders("").get("Fragment-Host") == null) {
                try {
                    bundle.start();
                } catch (BundleException e) {
                    return describe(bundle.getSymbolicName() + " " + bundle.getVersion(), e);
                }
            }
        }
        long deadline = System.nanoTime() + settings.settle().toNanos();
        do {
            for (Bundle bundle : changed) {
                if (bundle.getHeaders("").get("Fragment-Host") == null && bundle.getState() != Bundle.ACTIVE) {
                    return "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " is not active";
                }
                Optional<String> bad = check.failure(bundle);
                if (bad.isPresent()) {
                    return bad.get();
                }
            }
            sleepBriefly();
        } while (System.nanoTime() < deadline);
        return null;
    }

    private static String describe(String label, BundleException e) {
        Throwable cause = e.getType() == BundleException.ACTIVATOR_ERROR && e.getCause() != null ? e.getCause() : e;
        String what = e.getType() == BundleException.ACTIVATOR_ERROR || e.getType() == BundleException.RESOLVE_ERROR
                ? " failed to start: " : " could not be installed: ";
        return "bundle " + label + what
                + PackageVerifier.printable(cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    /**
     * An updated bundle keeps its start level for the rest of this run. The appliance's launcher gives a bundle
     * it sees updated to a version it did not launch its default start level, which need not be the bundle's
     * (docs/operations.md, "What starts when"); at the next start the launcher assigns it again.
     */
    static void updateKeepingStartLevel(Bundle bundle, InputStream in) throws BundleException {
        BundleStartLevel startLevel = bundle.adapt(BundleStartLevel.class);
        int level = startLevel == null ? -1 : startLevel.getStartLevel();
        bundle.update(in);
        if (level > 0 && startLevel.getStartLevel() != level) {
            startLevel.setStartLevel(level);
        }
    }

    private boolean rollback(List<Touched> touched, List<Bundle> changed, List<Bundle> wereActive) {
        boolean restored = true;
        List<Bundle> refresh = new ArrayList<>();
        for (Touched t : touched) {
            try {
                if (t.bundle() != null) {
                    try (InputStream in = Files.newInputStream(t.backup())) {
                        updateKeepingStartLevel(t.bundle(), in);
                    }
                    refresh.add(t.bundle());
                } else {
                    for (Bundle b : changed) {
                        if (b.getLocation().equals("wardgate-update:" + t.packaged().symbolicName())) {
                            b.uninstall();
                            refresh.add(b);
                        }
                    }
                }
            } catch (BundleException | IOException | RuntimeException e) {
                restored = false;
            }
        }
        try {
            refresh(refresh);
        } catch (RuntimeException e) {
            restored = false;
        }
        for (Bundle bundle : wereActive) {
            try {
                if (bundle.getState() != Bundle.UNINSTALLED && bundle.getState() != Bundle.ACTIVE) {
                    bundle.start();
                }
                restored &= bundle.getState() == Bundle.ACTIVE;
            } catch (BundleException | RuntimeException e) {
                restored = false;
            }
        }
        return restored;
    }

    private void refresh(List<Bundle> bundles) {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(bundles, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        try {
            if (!done.await(settings.refreshTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the framework did not finish refreshing within "
                        + settings.refreshTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while refreshing", e);
        }
    }

    private Map<String, Bundle> installedByName() {
        Map<String, Bundle> out = new LinkedHashMap<>();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null) {
                out.merge(b.getSymbolicName(), b, (x, y) -> x.getVersion().compareTo(y.getVersion()) >= 0 ? x : y);
            }
        }
        return out;
    }

    private List<Bundle> active() {
        List<Bundle> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != 0 && b.getState() == Bundle.ACTIVE) {
                out.add(b);
            }
        }
        return out;
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
