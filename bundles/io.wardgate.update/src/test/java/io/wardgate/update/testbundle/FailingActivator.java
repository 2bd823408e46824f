package io.wardgate.update.testbundle;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Activator of the test bundle that must be rolled back: it refuses to start. */
public class FailingActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("this release is broken on purpose");
    }

    @Override
    public void stop(BundleContext context) {
        // never started
    }
}
