package io.wardgate.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * Consecutive samples of one waveform, evenly spaced in time.
 *
 * @param metric the wave, e.g. MDC_ECG_ELEC_POTL_II
 * @param unit the physical unit after scaling
 * @param samplePeriod time between two samples (e.g. 2 ms for ECG at 500 S/s)
 * @param start time of the first sample, on the gateway's clock
 * @param samples raw samples; copied in and out
 * @param scale raw to physical mapping
 * @param status what the device said about the segment
 * @param receivedAt when the gateway received the last sample
 */
public record WaveformSegment(Metric metric, Unit unit, Duration samplePeriod, Instant start, int[] samples,
        WaveScale scale, Set<StatusFlag> status, Instant receivedAt) implements Reading {

    /** The most samples one segment may hold: 65 s of ECG at 1 kS/s. */
    public static final int MAX_SAMPLES = 65_536;

    public WaveformSegment {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(samplePeriod, "samplePeriod");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (samplePeriod.isNegative() || samplePeriod.isZero() || samplePeriod.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("sample period must be above 0 and at most 60 s: " + samplePeriod);
        }
        Objects.requireNonNull(samples, "samples");
        if (samples.length == 0 || samples.length > MAX_SAMPLES) {
            throw new IllegalArgumentException("a segment holds 1 to " + MAX_SAMPLES + " samples, not " + samples.length);
        }
        samples = samples.clone();
        status = Flags.copy(status);
    }

    @Override
    public int[] samples() {
        return samples.clone();
    }

    public int sampleCount() {
        return samples.length;
    }

    public int sample(int index) {
        return samples[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WaveformSegment that
                && metric.equals(that.metric) && unit.equals(that.unit) && samplePeriod.equals(that.samplePeriod)
                && start.equals(that.start) && Arrays.equals(samples, that.samples) && scale.equals(that.scale)
                && status.equals(that.status) && receivedAt.equals(that.receivedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(metric, unit, samplePeriod, start, Arrays.hashCode(samples), scale, status, receivedAt);
    }

    @Override
    public String toString() {
        return "WaveformSegment[" + metric.referenceId() + ", " + samples.length + " samples every " + samplePeriod
                + " from " + start + ", status=" + status + "]";
    }
}
