package io.wardgate.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * A stand-in for Eclipse Kura's configuration service, run on Equinox with io.wardgate.kura and a
 * stub of Kura's API (kura.bndrun). Kura lists a service when it is an instance of
 * org.eclipse.kura.configuration.ConfigurableComponent and carries service.pid, and builds its form
 * from OSGI-INF/metatype/PID.xml of the bundle whose Metatype defines the PID. Every WardGate PID
 * must be found that way, with a valid form.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class KuraTrackerTest {
    private static final String CONFIGURABLE = "org.eclipse.kura.configuration.ConfigurableComponent";

    @InjectBundleContext
    BundleContext context;

    @Test
    void kuraFindsEveryWardGatePidWithAValidForm(@InjectService MetaTypeService metatype) throws Exception {
        Map<String, Bundle> definedBy = wardGatePids(metatype);
        assertThat(definedBy).as("WardGate PIDs defined by Metatype").isNotEmpty();
        Class<?> marker = kuraApi().loadClass(CONFIGURABLE);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Set<String> tracked = new HashSet<>();
            ServiceReference<?>[] references = context.getServiceReferences(CONFIGURABLE, null);
            for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
                Object service = context.getService(reference);
                try {
                    assertThat(marker.isInstance(service)).as("instanceof ConfigurableComponent").isTrue();
                    Object pid = reference.getProperty(Constants.SERVICE_PID);
                    assertThat(pid).as("service.pid").isInstanceOf(String.class);
                    tracked.add((String) pid);
                } finally {
                    context.ungetService(reference);
                }
            }
            assertThat(tracked).containsAll(definedBy.keySet());
        });

        Map<String, Bundle> forms = new HashMap<>(definedBy);
        forms.putAll(wardGateFactoryPids(metatype));
        for (Map.Entry<String, Bundle> entry : forms.entrySet()) {
            String pid = entry.getKey();
            Bundle bundle = entry.getValue();
            assertThat(bundle.getEntry("OSGI-INF/metatype/" + pid + ".xml")).as(pid + " metatype file").isNotNull();
            ObjectClassDefinition form = metatype.getMetaTypeInformation(bundle).getObjectClassDefinition(pid, null);
            assertThat(form.getID()).as("Kura matches the OCD id to the PID").isEqualTo(pid);
            AttributeDefinition[] attributes = form.getAttributeDefinitions(ObjectClassDefinition.ALL);
            assertThat(attributes).as(pid + " attributes").isNotEmpty();
            for (AttributeDefinition attribute : attributes) {
                assertThat(attribute.getName()).as(pid + "." + attribute.getID() + " name").isNotBlank();
                assertThat(attribute.getDescription()).as(pid + "." + attribute.getID() + " description")
                        .isNotBlank();
                String[] defaults = attribute.getDefaultValue();
                if (defaults != null && attribute.getType() != AttributeDefinition.PASSWORD) {
                    for (String value : defaults) {
                        assertThat(attribute.validate(value)).as(pid + "." + attribute.getID() + " default")
                                .isIn(null, "");
                    }
                }
            }
        }
    }

    /** The bundle exporting Kura's API (here the stand-in stub; on a gateway, Kura's own). */
    private Bundle kuraApi() {
        for (Bundle bundle : context.getBundles()) {
            if ("org.eclipse.kura.api.stub".equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("Kura's API is not installed in this framework");
    }

    /** Factory PIDs (one instance per port, ...): Kura offers them with their form under "+". */
    private Map<String, Bundle> wardGateFactoryPids(MetaTypeService metatype) {
        Map<String, Bundle> pids = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation info = bundle.getSymbolicName().startsWith("io.wardgate.")
                    ? metatype.getMetaTypeInformation(bundle) : null;
            if (info != null) {
                for (String pid : info.getFactoryPids()) {
                    pids.put(pid, bundle);
                }
            }
        }
        return pids;
    }

    /** Singleton PIDs with a Metatype form, by the bundle that defines them. */
    private Map<String, Bundle> wardGatePids(MetaTypeService metatype) {
        Map<String, Bundle> pids = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            names.add(bundle.getSymbolicName());
            if (!bundle.getSymbolicName().startsWith("io.wardgate.")) {
                continue;
            }
            MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
            if (info != null) {
                for (String pid : info.getPids()) {
                    pids.put(pid, bundle);
                }
            }
        }
        assertThat(names).as("the Kura stand-in runs with io.wardgate.kura").contains("io.wardgate.kura");
        return pids;
    }
}
