package io.wardgate.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The resolved appliance starts: every bundle active, every component satisfied. */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class RuntimeTest {

    /** The WardGate bundles the appliance must contain. */
    static final List<String> EXPECTED = List.of("io.wardgate.api", "io.wardgate.driver.intellivue",
            "io.wardgate.driver.nonin", "io.wardgate.driver.masimo", "io.wardgate.driver.gatt",
            "io.wardgate.serial", "io.wardgate.ble", "io.wardgate.policy", "io.wardgate.audit",
            "io.wardgate.audit.syslog", "io.wardgate.seal",
            "io.wardgate.outbox", "io.wardgate.uplink", "io.wardgate.web", "io.wardgate.web.adapters",
            "io.wardgate.manage", "io.wardgate.update", "io.wardgate.check",
            "io.wardgate.time", "io.wardgate.config", "io.wardgate.runtime", "io.wardgate.network", "io.wardgate.driver.hl7");

    /** How long a loaded machine may take to start everything (the tests poll, they do not sleep). */
    static final Duration SETTLE = Duration.ofSeconds(60);

    @InjectBundleContext
    BundleContext context;

    @Test
    void runsOnTheFrameworkItWasLaunchedOn() {
        String expected = context.getProperty("wardgate.itest.framework");
        String vendor = context.getBundle(0).getSymbolicName();
        assertThat(vendor).contains(expected.equals("felix") ? "org.apache.felix.framework" : "org.eclipse.osgi");
    }

    @Test
    void everyWardGateBundleIsActive() {
        // Some bundles start at the final start level, which the runtime raises after the data path's.
        await().atMost(SETTLE).untilAsserted(() -> {
            List<String> present = new ArrayList<>();
            for (Bundle bundle : context.getBundles()) {
                String name = bundle.getSymbolicName();
                if (name.startsWith("io.wardgate.") && !name.equals("io.wardgate.itest")) {
                    present.add(name);
                    assertThat(bundle.getState()).as(name + " state").isEqualTo(Bundle.ACTIVE);
                }
            }
            assertThat(present).containsAll(EXPECTED);
        });
    }

    @Test
    void everyBundleIsActiveOrAFragment() {
        await().atMost(SETTLE).untilAsserted(() -> {
            for (Bundle bundle : context.getBundles()) {
                boolean fragment = bundle.getHeaders().get("Fragment-Host") != null;
                assertThat(bundle.getState()).as(bundle.getSymbolicName())
                        .isEqualTo(fragment ? Bundle.RESOLVED : Bundle.ACTIVE);
            }
        });
    }

    @Test
    void everyComponentOfWardGateIsSatisfied(@InjectService ServiceComponentRuntime scr) {
        Bundle[] wardgate = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().startsWith("io.wardgate.")).toArray(Bundle[]::new);
        await().atMost(SETTLE).untilAsserted(() -> {
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(wardgate)) {
                assertThat(scr.isComponentEnabled(description)).as(description.name + " enabled").isTrue();
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    assertThat(configuration.state).as(description.name + " state, failure: " + configuration.failure)
                            .isIn(ComponentConfigurationDTO.SATISFIED, ComponentConfigurationDTO.ACTIVE);
                }
            }
        });
    }

    /** The web UI's ports are registered by the adapters (looked up by name: no import of the port package). */
    @Test
    void theWebUiPortsAreProvidedByTheAdapters() throws Exception {
        for (String port : List.of("DeviceRegistry", "LatestReadings", "AuditLog", "TrustAnchors",
                "CertificateRequests")) {
            await().atMost(SETTLE).untilAsserted(() -> {
                org.osgi.framework.ServiceReference<?>[] references = context.getServiceReferences(
                        "io.wardgate.web.port." + port, null);
                assertThat(references).as(port).isNotNull().hasSize(1);
                assertThat(references[0].getBundle().getSymbolicName()).as(port)
                        .isEqualTo("io.wardgate.web.adapters");
            });
        }
        assertThat(context.getServiceReferences("io.wardgate.policy.api.ReadingObserver", null)).isNotNull()
                .extracting(r -> r.getBundle().getSymbolicName()).contains("io.wardgate.web.adapters");
    }

    @Test
    void thisBundleIsWhereTheTestsRun() {
        assertThat(FrameworkUtil.getBundle(RuntimeTest.class).getSymbolicName()).isEqualTo("io.wardgate.itest");
    }
}
