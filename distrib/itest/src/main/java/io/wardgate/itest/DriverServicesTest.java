package io.wardgate.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.driver.DeviceDriver;
import io.wardgate.api.driver.GattDriver;
import io.wardgate.api.driver.NetworkDriver;
import io.wardgate.api.driver.SerialDriver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;

/**
 * Each driver bundle registers its driver as a service named by its protocol (the property serial
 * ports and BLE select by), once per protocol, and the property agrees with what the driver says.
 */
@ExtendWith(BundleContextExtension.class)
class DriverServicesTest {
    private static final String NAMED = "(" + DeviceDriver.PROTOCOL + "=*)";

    @InjectBundleContext
    BundleContext context;

    @Test
    void everyDriverIsOneServiceNamedByItsProtocol() {
        await().atMost(RuntimeTest.SETTLE).untilAsserted(() -> {
            assertThat(names(SerialDriver.class)).containsExactlyInAnyOrder("intellivue", "masimo", "nonin-df7",
                    "nonin-df8", "datex", "medibus");
            assertThat(names(GattDriver.class)).containsExactly("gatt");
            assertThat(names(NetworkDriver.class)).containsExactlyInAnyOrder("hl7", "intellivue-lan");
        });
    }

    private <D extends DeviceDriver> List<String> names(Class<D> type) throws InvalidSyntaxException {
        List<String> names = new ArrayList<>();
        for (ServiceReference<D> reference : context.getServiceReferences(type, NAMED)) {
            D driver = context.getService(reference);
            try {
                String name = (String) reference.getProperty(DeviceDriver.PROTOCOL);
                assertThat(driver.protocol()).as("protocol of the service named " + name).isEqualTo(name);
                assertThat(reference.getBundle().getSymbolicName()).startsWith("io.wardgate.driver.");
                names.add(name);
            } finally {
                context.ungetService(reference);
            }
        }
        return names;
    }
}
