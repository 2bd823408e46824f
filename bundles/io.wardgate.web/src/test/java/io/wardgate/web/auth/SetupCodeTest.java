package io.wardgate.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.testkit.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SetupCodeTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-10T08:00:00Z"));
    private final Secrets secrets = new Secrets(new SecureRandom());

    @Test
    void worksExactlyOnce() {
        SetupCode.Issued issued = SetupCode.issue(secrets, clock, Duration.ofMinutes(60));
        assertThat(issued.text()).matches("[A-Z2-9]{5}(-[A-Z2-9]{5}){3}");
        assertThat(issued.holder().consume(issued.text().toLowerCase().replace("-", " "))).isEqualTo(SetupCode.Result.ACCEPTED);
        assertThat(issued.holder().consume(issued.text())).isEqualTo(SetupCode.Result.USED_OR_EXPIRED);
        assertThat(issued.holder().isUsable()).isFalse();
    }

    @Test
    void expires() {
        SetupCode.Issued issued = SetupCode.issue(secrets, clock, Duration.ofMinutes(60));
        clock.advance(Duration.ofMinutes(60));
        assertThat(issued.holder().consume(issued.text())).isEqualTo(SetupCode.Result.USED_OR_EXPIRED);
    }

    @Test
    void twoIssuedCodesDiffer() {
        assertThat(SetupCode.issue(secrets, clock, Duration.ofMinutes(1)).text())
                .isNotEqualTo(SetupCode.issue(secrets, clock, Duration.ofMinutes(1)).text());
    }
}
