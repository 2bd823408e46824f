package io.wardgate.api.pipeline;

import java.time.Instant;

/**
 * The uplink's state.
 *
 * @param connected whether a broker connection is up
 * @param broker the broker URL in use or last tried; never with credentials
 * @param since when the state last changed
 * @param published envelopes published since start
 * @param acknowledged envelopes acknowledged since start
 * @param lastError the last connection error, or empty
 */
public record UplinkStatus(boolean connected, String broker, Instant since, long published, long acknowledged,
        String lastError) {
}
