package io.wardgate.policy.api;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Plausible values of one metric, both ends inclusive, in the unit the device reports. Values
 * outside are flagged IMPLAUSIBLE and forwarded unchanged.
 */
public record MetricRange(int mdcCode, BigDecimal min, BigDecimal max) {
    public MetricRange {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (mdcCode <= 0) {
            throw new IllegalArgumentException("MDC code must be positive: " + mdcCode);
        }
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("min " + min + " is above max " + max);
        }
    }

    public boolean contains(BigDecimal value) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }
}
