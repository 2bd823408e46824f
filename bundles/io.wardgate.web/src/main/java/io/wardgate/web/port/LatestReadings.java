package io.wardgate.web.port;

import java.time.Duration;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A tap on the readings the policy admitted, keeping a short window per device and metric in
 * memory for the dashboard. It holds no patient identity; the UI never logs the values.
 */
@ConsumerType
public interface LatestReadings {

    /**
     * Each device that sent readings within {@code window}, with up to {@code maxPoints} of the
     * newest numeric values per metric, oldest first.
     */
    List<DeviceVitals> recent(Duration window, int maxPoints);
}
