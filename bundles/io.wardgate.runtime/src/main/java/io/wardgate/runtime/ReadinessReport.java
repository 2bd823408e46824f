package io.wardgate.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once, in the log, when the gateway is ready: every WardGate bundle active and every
 * configured component satisfied. Until then it names what it is waiting for every 10 s, so an
 * operator reading the journal sees why a gateway does not come up. Tools and tests wait for the
 * line "WardGate ready".
 */
@Component(immediate = true)
public class ReadinessReport {
    static final String READY = "WardGate ready";
    private static final Logger LOG = LoggerFactory.getLogger(ReadinessReport.class);

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final ScheduledExecutorService timer;
    private final long startedAt = System.nanoTime();
    private int checks;

    @Activate
    public ReadinessReport(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "wardgate-readiness");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::check, 0, 100, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    private void check() {
        List<String> waiting = notReady();
        checks++;
        if (waiting.isEmpty()) {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
            LOG.info("{}: {} bundles active, components satisfied ({} ms after the runtime bundle started)", READY,
                    context.getBundles().length, millis);
            timer.shutdown();
        } else if (checks % 100 == 0) {
            LOG.warn("WardGate not ready yet, waiting for: {}", waiting);
        }
    }

    private List<String> notReady() {
        List<String> waiting = new ArrayList<>();
        List<Bundle> wardgate = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders().get("Fragment-Host") != null;
            if (!fragment && bundle.getState() != Bundle.ACTIVE) {
                waiting.add(bundle.getSymbolicName() + " (bundle state " + bundle.getState() + ")");
            }
            if (bundle.getSymbolicName().startsWith("io.wardgate.")) {
                wardgate.add(bundle);
            }
        }
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(wardgate.toArray(Bundle[]::new))) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state != ComponentConfigurationDTO.ACTIVE
                        && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                    waiting.add(description.name + " (component state " + configuration.state + ")");
                }
            }
        }
        return waiting;
    }
}
