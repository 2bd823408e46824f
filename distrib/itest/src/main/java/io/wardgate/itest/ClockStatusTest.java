package io.wardgate.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.manage.StatusContribution;
import io.wardgate.api.time.ClockStatus;
import io.wardgate.api.time.Synchronisation;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
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
}
