package io.wardgate.outbox;

import io.wardgate.api.manage.StatusContribution;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The "outbox.check" section of remote management's status reply: where the background integrity check of
 * the outbox file stands (running / passed at, in / failed); a failure is also an alarm there.
 */
final class OutboxCheckSection implements StatusContribution {
    static final String NAME = "outbox.check";

    private final Supplier<IntegrityStatus> integrity;

    OutboxCheckSection(Supplier<IntegrityStatus> integrity) {
        this.integrity = integrity;
    }

    @Override
    public Map<String, Object> status() {
        IntegrityStatus now = integrity.get();
        return Map.of("state", now.state().name().toLowerCase(java.util.Locale.ROOT), "integrityCheck", now.text());
    }

    @Override
    public List<String> alarms() {
        IntegrityStatus now = integrity.get();
        return now.state() == IntegrityStatus.State.FAILED ? List.of("integrity check " + now.text()) : List.of();
    }
}
