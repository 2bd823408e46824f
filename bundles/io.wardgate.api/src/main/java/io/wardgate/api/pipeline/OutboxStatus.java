package io.wardgate.api.pipeline;

import java.time.Instant;

/**
 * How full the outbox is.
 *
 * @param envelopes stored envelopes
 * @param bytes their size
 * @param capacityBytes the configured capacity
 * @param oldest when the oldest stored envelope was sealed, or null when empty
 * @param alarm a short description of the current alarm (full, disk error), or empty
 */
public record OutboxStatus(long envelopes, long bytes, long capacityBytes, Instant oldest, String alarm) {
}
