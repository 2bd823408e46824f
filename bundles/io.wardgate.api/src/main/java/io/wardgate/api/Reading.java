package io.wardgate.api;

import java.time.Instant;
import java.util.Set;

/** One thing a device measured: a numeric observation or a segment of a waveform. */
public sealed interface Reading permits Observation, WaveformSegment {
    Metric metric();

    Unit unit();

    Set<StatusFlag> status();

    /** When the gateway received it: always known, from the gateway's clock. */
    Instant receivedAt();
}
