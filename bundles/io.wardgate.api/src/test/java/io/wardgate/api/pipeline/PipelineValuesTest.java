package io.wardgate.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PipelineValuesTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Route ROUTE = new Route("icu-monitors", "vitals", "backend-2026", 5);

    @Test
    void onlyAnAllowedDeviceHasARoute() {
        assertThat(Admission.allowed(ROUTE, "on allowlist").isAllowed()).isTrue();
        assertThat(Admission.pending("unknown device").route()).isNull();
        assertThatThrownBy(() -> new Admission(Verdict.DENIED, ROUTE, "x")).hasMessageContaining("route");
        assertThatThrownBy(() -> new Admission(Verdict.ALLOWED, null, "x")).hasMessageContaining("route");
    }

    @Test
    void routePartsAreTopicSafe() {
        assertThatThrownBy(() -> new Route("g", "a/b", "k", 0)).hasMessageContaining("route parts");
        assertThatThrownBy(() -> new Route("g", "t", "k", 10)).hasMessageContaining("priority");
    }

    @Test
    void envelopeBytesAreCopiedAndBounded() {
        EnvelopeTags tags = new EnvelopeTags("gw-1", "serial:/dev/ttyUSB0", 3, 0, NOW, "t", 5, 1);
        byte[] bytes = {1, 2, 3};
        SealedEnvelope envelope = new SealedEnvelope(tags, bytes);
        bytes[0] = 9;
        assertThat(envelope.bytes()).containsExactly(1, 2, 3);
        assertThat(envelope).isEqualTo(new SealedEnvelope(tags, new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> new SealedEnvelope(tags, new byte[0])).hasMessageContaining("1 to");
        assertThatThrownBy(() -> new EnvelopeTags("gw", "d", 0, -1, NOW, "t", 0, 0)).hasMessageContaining("negative");
    }

    @Test
    void auditEventsAreBoundedAndCoded() {
        AuditEvent event = new AuditEvent(NOW, "system", "DEVICE_NOT_ALLOWED", "serial:/dev/ttyUSB0",
                AuditEvent.Outcome.DENIED, "unknown device held for approval");
        assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.DENIED);
        assertThatThrownBy(() -> new AuditEvent(NOW, "system", "device not allowed", "", AuditEvent.Outcome.DENIED, ""))
                .hasMessageContaining("upper-case code");
        assertThatThrownBy(() -> new AuditEvent(NOW, "", "X", "", AuditEvent.Outcome.SUCCESS, ""))
                .hasMessageContaining("actor");
        assertThatThrownBy(() -> new AuditEvent(NOW, "system", "X", "", AuditEvent.Outcome.SUCCESS, "a\nb"))
                .hasMessageContaining("printable");
    }
}
