package io.wardgate.web.port;

import java.util.List;
import java.util.Objects;

/**
 * A device group as the group editor sets it: which metrics its devices may deliver, how fast,
 * where the data goes. The policy validates it (names, bounds) and refuses with a message.
 *
 * @param name 1 to 64 letters, digits, '.', '_' or '-'
 * @param metrics MDC codes the group's devices may deliver (at least one)
 * @param maxReadingsPerSecond sustained rate per device
 * @param burst readings at once above the rate
 * @param bondingRequired BLE devices must be bonded
 * @param topicSuffix the uplink topic level of the group's data
 * @param backendKeyId the backend key its data is encrypted to
 * @param priority 0 (lowest) to 9, for outbox eviction
 */
public record GroupRules(String name, List<Integer> metrics, double maxReadingsPerSecond, int burst,
        boolean bondingRequired, String topicSuffix, String backendKeyId, int priority) {
    public GroupRules {
        Objects.requireNonNull(name, "name");
        metrics = List.copyOf(metrics);
        Objects.requireNonNull(topicSuffix, "topicSuffix");
        Objects.requireNonNull(backendKeyId, "backendKeyId");
    }
}
