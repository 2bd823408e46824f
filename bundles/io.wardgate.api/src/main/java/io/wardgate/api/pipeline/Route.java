package io.wardgate.api.pipeline;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an allowed device's data goes: decided by its device group.
 *
 * @param group the device group (segment), e.g. "icu-monitors"
 * @param topicSuffix the uplink topic level the group's data is published under, e.g. "vitals"
 * @param backendKeyId the id of the backend key the data is encrypted to
 * @param priority 0 (lowest) to 9; used when the outbox must evict
 */
public record Route(String group, String topicSuffix, String backendKeyId, int priority) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public Route {
        for (String part : new String[] {group, topicSuffix, backendKeyId}) {
            Objects.requireNonNull(part, "route part");
            if (!NAME.matcher(part).matches()) {
                throw new IllegalArgumentException("route parts are 1 to 64 letters, digits, '.', '_' or '-'");
            }
        }
        if (priority < 0 || priority > 9) {
            throw new IllegalArgumentException("priority must be 0..9: " + priority);
        }
    }
}
