package io.wardgate.runtime;

import io.wardgate.shared.launcher.EmbeddedBundles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** At start, removes the bundles an older wardgate.jar left behind ({@link LeftBehindBundles}). */
@Component(immediate = true, service = {})
public final class LeftBehindBundlesComponent {
    private static final Logger LOG = LoggerFactory.getLogger(LeftBehindBundlesComponent.class);

    @Activate
    public LeftBehindBundlesComponent(BundleContext context) {
        Optional<Path> jar = EmbeddedBundles.runningJar();
        if (jar.isEmpty()) {
            return; // not `java -jar wardgate.jar`
        }
        try {
            Optional<List<String>> launched = EmbeddedBundles.locations(jar.get());
            if (launched.isPresent()) {
                List<String> removed = LeftBehindBundles.uninstall(context, Set.copyOf(launched.get()));
                if (!removed.isEmpty()) {
                    LOG.info("Uninstalled {} bundle(s) that an older wardgate.jar installed and this one no longer"
                            + " carries: {}", removed.size(), String.join(", ", removed));
                }
            }
        } catch (Exception e) {
            LOG.warn("Could not check for bundles an older wardgate.jar left behind: {}", e.toString());
        }
    }
}
