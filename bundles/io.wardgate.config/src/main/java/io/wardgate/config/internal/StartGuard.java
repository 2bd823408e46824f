package io.wardgate.config.internal;

import io.wardgate.config.files.ConfigDirectory;
import io.wardgate.config.files.Repair;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs the configuration directory before FileInstall reads it: a file a crash left empty or cut
 * short would otherwise become "no configuration" (the gateway would start without its uplink). A
 * bundle activator, not a DS component, because it must run before FileInstall starts: the appliance
 * starts this bundle at a lower start level (distrib/appliance/wardgate.bndrun).
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class StartGuard implements BundleActivator {
    private static final Logger LOG = LoggerFactory.getLogger(StartGuard.class);
    private ServiceRegistration<StartRepairs> registration;

    @Override
    public void start(BundleContext context) {
        List<Repair> repairs = List.of();
        Optional<ConfigDirectory> directory = ConfigDirectory.of(context);
        if (directory.isPresent()) {
            if (fileInstallActive(context)) {
                LOG.warn("FileInstall started before the configuration directory was checked; give {} a lower start level",
                        context.getBundle().getSymbolicName());
            }
            try {
                repairs = directory.get().repairDamaged();
            } catch (IOException | RuntimeException e) {
                LOG.warn("configuration directory {} could not be checked: {}", directory.get().directory(), e.toString());
            }
            // The last good copies of sound files only serve the next start: written (durably, one file and
            // one directory sync each) beside the framework's start instead of ahead of it. On a first start
            // with 20 files that was 100-200 ms on the start-level thread (docs/benchmarks-history.md, "Start-up to
            // the first reading, seventh pass").
            ConfigDirectory copies = directory.get();
            Thread thread = new Thread(() -> {
                try {
                    copies.keepLastGoodCopies();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("last good copies in {} not written: {}", copies.directory(), e.toString());
                }
            }, "wardgate-config-last-good");
            thread.setDaemon(true);
            thread.start();
            for (Repair repair : repairs) {
                if (repair.restored()) {
                    LOG.warn("configuration file {} was {}: restored from its last good copy {}", repair.file(),
                            repair.detail(), ConfigDirectory.lastGood(repair.file()).getFileName());
                } else {
                    LOG.warn("configuration file {} is {} and has no good copy: its configuration is what the file holds;"
                            + " restore it from a backup (wardgate check fails until then)", repair.file(), repair.detail());
                }
            }
        }
        registration = context.registerService(StartRepairs.class, new StartRepairs(repairs), null);
    }

    private static boolean fileInstallActive(BundleContext context) {
        for (Bundle bundle : context.getBundles()) {
            if ("org.apache.felix.fileinstall".equals(bundle.getSymbolicName()) && bundle.getState() == Bundle.ACTIVE) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void stop(BundleContext context) {
        if (registration != null) {
            registration.unregister();
        }
    }
}
