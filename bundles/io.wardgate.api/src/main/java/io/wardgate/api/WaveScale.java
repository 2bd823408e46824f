package io.wardgate.api;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * How raw waveform samples map to physical values: linearly, raw {@code rawLow} is {@code low} and
 * raw {@code rawHigh} is {@code high} (IntelliVue's ScaleAndRangeSpec, HL7's "10.mV/4096").
 */
public record WaveScale(int rawLow, int rawHigh, Decimal low, Decimal high) {

    /** Raw samples are the values themselves. */
    public static final WaveScale IDENTITY = new WaveScale(0, 1, Decimal.ofInteger(0), Decimal.ofInteger(1));

    public WaveScale {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        if (rawHigh <= rawLow) {
            throw new IllegalArgumentException("rawHigh must be above rawLow: " + rawLow + ".." + rawHigh);
        }
    }

    public BigDecimal physical(int raw) {
        BigDecimal span = high.toBigDecimal().subtract(low.toBigDecimal());
        BigDecimal fraction = BigDecimal.valueOf((long) raw - rawLow)
                .divide(BigDecimal.valueOf((long) rawHigh - rawLow), MathContext.DECIMAL64);
        return low.toBigDecimal().add(span.multiply(fraction, MathContext.DECIMAL64));
    }
}
