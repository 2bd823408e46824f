package io.wardgate.runtime;

import io.wardgate.shared.launcher.EmbeddedBundles;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Bundles an older wardgate.jar installed that the running one no longer carries. The bnd launcher installs
 * each bundle embedded in the jar from the location {@code jar/FILE} and keeps the framework's storage
 * across restarts, but never uninstalls one that a newer jar (a .deb upgrade) dropped or renamed: a library
 * the new release no longer needs would keep running, and a bundle whose file name changed with its version
 * would run twice. At start the runtime uninstalls every {@code jar/...} bundle that the jar's own
 * {@code launcher.properties} does not list. Bundles installed any other way (signed updates, tests) are
 * never touched; outside the appliance's launcher (Kura, tests) there is no such jar and nothing happens.
 */
final class LeftBehindBundles {
    static final String EMBEDDED = EmbeddedBundles.LOCATION_PREFIX;

    private LeftBehindBundles() {
    }

    /**
     * Uninstalls the embedded bundles not in {@code launched} and starts a refresh of the framework's wiring
     * for them; returns their names as "symbolic-name version (location)".
     */
    static List<String> uninstall(BundleContext context, Collection<String> launched) throws BundleException {
        List<Bundle> left = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String location = bundle.getLocation();
            if (bundle.getBundleId() != 0 && location.startsWith(EMBEDDED) && !launched.contains(location)) {
                left.add(bundle);
            }
        }
        List<String> names = new ArrayList<>();
        for (Bundle bundle : left) {
            names.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " (" + bundle.getLocation() + ")");
            bundle.uninstall();
        }
        if (!left.isEmpty()) {
            // Asynchronous: it may restart bundles wired to the ones removed (this one too), so never waited for.
            context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(left);
        }
        return names;
    }
}
