package io.wardgate.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.manage.StatusContribution;
import io.wardgate.api.time.ClockStatus;
import io.wardgate.api.pipeline.Sealer;
import io.wardgate.api.time.Synchronisation;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.dto.ServiceReferenceDTO;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.SatisfiedReferenceDTO;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** The clock component runs without configuration and reads this machine's kernel through JNA. */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class ClockStatusTest {

    @InjectBundleContext
    BundleContext context;

    @Test
    void theKernelsClockStateIsReadAndOfferedAsTheClockStatusSection(@InjectService(timeout = 30_000) ClockStatus clock)
            throws Exception {
        await().atMost(RuntimeTest.SETTLE).until(() -> clock.current().synchronisation() != Synchronisation.UNKNOWN
                || clock.current().detail().contains("unreadable"));
        // On Linux the kernel answers: synchronised or not, never unknown.
        assertThat(clock.current().synchronisation()).as(clock.current().detail())
                .isNotEqualTo(Synchronisation.UNKNOWN);
        assertThat(clock.current().detail()).containsPattern("kernel TIME_[A-Z]+, STA_UNSYNC (set|clear)");

        Collection<ServiceReference<StatusContribution>> sections = context.getServiceReferences(
                StatusContribution.class, "(" + StatusContribution.NAME + "=clock)");
        assertThat(sections).hasSize(1);
        StatusContribution section = context.getService(sections.iterator().next());
        try {
            assertThat(section.status()).containsKeys("synchronisation", "source", "maxErrorMillis", "since");
        } finally {
            context.ungetService(sections.iterator().next());
        }
    }

    /**
     * The clock component binds the sealer without getting it: the sealer is a delayed component, and getting
     * it at binding activated it (its epoch written durably) on the start-level thread ahead of the uplink
     * (docs/operations.md, "What starts when"). It is got when a clock note is first due (none here: no uplink).
     */
    @Test
    void theClockBindsASealerWithoutActivatingIt(@InjectService(timeout = 30_000) ClockStatus clock,
            @InjectService(timeout = 30_000) ServiceComponentRuntime scr) {
        List<String> gotBy = new CopyOnWriteArrayList<>();
        ServiceFactory<Sealer> factory = new ServiceFactory<>() {
            @Override
            public Sealer getService(Bundle bundle, ServiceRegistration<Sealer> registration) {
                gotBy.add(bundle.getSymbolicName());
                return readings -> {
                    throw new IllegalStateException("a test sealer seals nothing");
                };
            }

            @Override
            public void ungetService(Bundle bundle, ServiceRegistration<Sealer> registration, Sealer service) {
            }
        };
        // Ranked first: the clock's greedy reference rebinds to it.
        ServiceRegistration<?> registration = context.registerService(Sealer.class.getName(), factory,
                new Hashtable<>(Map.of(Constants.SERVICE_RANKING, Integer.MAX_VALUE, "wardgate.itest", "sealer")));
        try {
            long id = (Long) registration.getReference().getProperty(Constants.SERVICE_ID);
            await().atMost(RuntimeTest.SETTLE).until(() -> clockBound(scr, id));
            assertThat(gotBy).as("bundles that got the sealer").doesNotContain("io.wardgate.time");
        } finally {
            registration.unregister();
        }
    }

    private static boolean clockBound(ServiceComponentRuntime scr, long serviceId) {
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (!description.name.equals("io.wardgate.time.ClockComponent")) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                for (SatisfiedReferenceDTO reference : configuration.satisfiedReferences) {
                    for (ServiceReferenceDTO bound : reference.boundServices) {
                        if (reference.name.equals("Sealer") && bound.id == serviceId) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}
