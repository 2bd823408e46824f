package io.wardgate.bench.e2e;

import java.util.List;

/**
 * The figures of one step. Readings: a numeric or one waveform sample. Latency: from a reading's
 * receivedAt on the gateway to its arrival at the subscriber (after the broker's PUBACK to the gateway
 * and the broker's delivery to the receiver: an upper bound of reading-to-PUBACK), for readings born
 * from one second after the first load reading arrived (start-up is its own figure); afterSealing is the
 * part from an envelope's sealing (its signed sealedAt) to its arrival (secured mode only). CPU: utime+stime of
 * the gateway process over the load phase, as a percentage of one core; steadyCpuPercent the same from
 * {@link Step#STEADY_AFTER_MILLIS} after the load's start to its end (NaN for a load too short), without the
 * start's one-time work (C1 compiling, the level-20 bundles starting). Load average: /proc/loadavg at
 * the step's start (other work on the machine shows there).
 */
record StepResult(String mode, int rate, int windowMillis, int seconds, long generated, long receivedLocal,
        long receivedSerial, long envelopes, long rejected, long duplicates, long sequenceGaps, double loadSeconds,
        double offeredRate, double deliveredRate, double catchUpSeconds, Tally.Latency latency,
        Tally.Latency afterSealing, double cpuPercent, double steadyCpuPercent, long rssKib, long hwmKib, long outboxMax,
        List<long[]> outboxSeries, double startupSeconds, double readySeconds, String loadAverage, Outage outage) {

    /**
     * Zero loss: every generated reading arrived, verified; no sequence gap; nothing rejected. Duplicates
     * (QoS 1 redeliveries, dropped by the receiver's de-duplication) are counted apart and are no loss.
     */
    boolean lossFree() {
        return generated > 0 && receivedLocal == generated && sequenceGaps == 0 && rejected == 0;
    }

    /** Kept up: lossless, and the last reading arrived within 2 s plus one batching window of the load's end. */
    boolean sustained() {
        return lossFree() && catchUpSeconds <= 2.0 + windowMillis / 1000.0;
    }

    /**
     * The broker outage scenario's figures. Drain time runs from the broker's restart until the outbox
     * is back to its depth before the outage; it includes the uplink's reconnect backoff (reconnectSeconds,
     * from its log), and drainMultipleAfterReconnect leaves that out. alarmsDuringDrain: alarm changes
     * raised (option alarmEvery) between the uplink's reconnection (the restart if not logged) and the end
     * of the drain, from raise to arrival.
     */
    record Outage(int outageSeconds, long backlogEnvelopes, double drainSeconds, double drainMultiple,
            boolean drainedWhileLive, Tally.Latency liveDuringDrain, double reconnectSeconds,
            double drainMultipleAfterReconnect, Tally.Latency alarmsDuringDrain) {
    }
}
