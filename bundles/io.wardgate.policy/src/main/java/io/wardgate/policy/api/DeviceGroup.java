package io.wardgate.policy.api;

import io.wardgate.api.pipeline.Route;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A device group (segment) and its rules. Every allowlist entry belongs to one.
 *
 * @param name 1 to 64 letters, digits, '.', '_' or '-'
 * @param metrics MDC codes the group's devices may deliver; readings of other metrics are dropped
 * @param ranges plausibility ranges, at most one per metric, each for a metric in {@code metrics}
 * @param maxReadingsPerSecond sustained rate per device, above 0 and at most 100000; excess is dropped
 * @param burst readings a device may send at once above the rate, 1 to 1000000
 * @param bondingRequired BLE devices must be bonded (paired) to deliver data
 * @param topicSuffix the uplink topic level the group's data goes to
 * @param backendKeyId the backend key the group's data is encrypted to
 * @param priority 0 (lowest) to 9, for outbox eviction
 */
public record DeviceGroup(String name, Set<Integer> metrics, List<MetricRange> ranges, double maxReadingsPerSecond,
        int burst, boolean bondingRequired, String topicSuffix, String backendKeyId, int priority) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public DeviceGroup {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        metrics = Set.copyOf(metrics);
        ranges = List.copyOf(ranges);
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("a group allows at least one metric");
        }
        for (MetricRange range : ranges) {
            if (!metrics.contains(range.mdcCode())) {
                throw new IllegalArgumentException("range for metric " + range.mdcCode() + ", which the group does not allow");
            }
        }
        if (ranges.stream().map(MetricRange::mdcCode).distinct().count() != ranges.size()) {
            throw new IllegalArgumentException("more than one range for a metric");
        }
        if (!(maxReadingsPerSecond > 0 && maxReadingsPerSecond <= 100_000)) {
            throw new IllegalArgumentException("maxReadingsPerSecond must be above 0 and at most 100000");
        }
        if (burst < 1 || burst > 1_000_000) {
            throw new IllegalArgumentException("burst must be 1..1000000");
        }
        new Route(name, topicSuffix, backendKeyId, priority); // validates the route parts
    }

    public Route route() {
        return new Route(name, topicSuffix, backendKeyId, priority);
    }

    public MetricRange range(int mdcCode) {
        for (MetricRange range : ranges) {
            if (range.mdcCode() == mdcCode) {
                return range;
            }
        }
        return null;
    }
}
