package io.wardgate.update.testbundle;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Activator of the test bundles that start fine. */
public class GoodActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        // nothing to do: starting is the point
    }

    @Override
    public void stop(BundleContext context) {
        // nothing to release
    }
}
