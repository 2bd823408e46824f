package io.wardgate.receiver;

import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.OpenResult.Reason;
import io.wardgate.seal.envelope.OpenResult.Rejected;
import io.wardgate.seal.envelope.SealTags;
import io.wardgate.seal.envelope.Topics;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver's core, without any transport: for each envelope (and the topic it came on), drop a
 * known duplicate before decrypting, open it (decrypt, verify), check that the topic matches the
 * signed tags, de-duplicate for good, and hand it to the sinks. Returns what happened; never throws
 * for a bad envelope.
 */
public final class Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(Receiver.class);

    private final EnvelopeOpener opener;
    private final Deduplicator deduplicator;
    private final List<ReadingSink> sinks;
    private final GatewayClocks clocks;

    public Receiver(EnvelopeOpener opener, Deduplicator deduplicator, List<ReadingSink> sinks) {
        this(opener, deduplicator, sinks, new GatewayClocks());
    }

    /** @param clocks the gateways' clock notes ({@link GatewayClocks#persistent} keeps them across restarts) */
    public Receiver(EnvelopeOpener opener, Deduplicator deduplicator, List<ReadingSink> sinks, GatewayClocks clocks) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.deduplicator = Objects.requireNonNull(deduplicator, "deduplicator");
        this.sinks = List.copyOf(sinks);
        this.clocks = Objects.requireNonNull(clocks, "clocks");
    }

    /**
     * @param topic the MQTT topic it arrived on, or null when it came from elsewhere (a file)
     * @return the opened envelope, or why it was dropped
     * @throws IOException when a sink cannot write (the caller should not acknowledge the message)
     */
    public OpenResult receive(String topic, byte[] envelope) throws IOException {
        Optional<SealTags> claimed = EnvelopeOpener.readTags(envelope);
        if (claimed.isPresent()) {
            Deduplicator.Verdict early = deduplicator.peek(claimed.get());
            if (early != Deduplicator.Verdict.NEW) {
                return log(topic, reject(early));
            }
        }
        OpenResult result = opener.open(envelope);
        if (!(result instanceof OpenResult.Opened opened)) {
            return log(topic, result);
        }
        if (topic != null && !topicMatches(topic, opened.tags())) {
            return log(topic, new Rejected(Reason.TAGS_MISMATCH, "topic does not name the signed gateway and device"));
        }
        Deduplicator.Verdict verdict = deduplicator.admit(opened.tags());
        if (verdict != Deduplicator.Verdict.NEW) {
            return log(topic, reject(verdict));
        }
        try {
            // gateway times re-stamped or flagged by the gateway's clock notes; tags for de-duplication unchanged
            OpenResult.Opened placed = clocks.apply(opened);
            for (ReadingSink sink : sinks) {
                sink.write(placed);
            }
        } catch (IOException | RuntimeException e) {
            deduplicator.notWritten(opened.tags());
            throw e;
        }
        deduplicator.written(opened.tags());
        return opened;
    }

    /**
     * wardgate/site/ward/gatewayId/suffix/escapedDevice, or for an alarm stream (device id ending "#alarms",
     * or the gateway's clock notes) also wardgate/site/ward/gatewayId/alarms/suffix/escapedDevice: gateway
     * and device must be the signed ones, and only an alarm stream may come on an alarm topic.
     */
    static boolean topicMatches(String topic, SealTags tags) {
        String[] levels = topic.split("/", -1);
        boolean alarmTopic = levels.length == 7 && levels[4].equals(ALARMS_LEVEL) && isAlarmStream(tags.deviceId());
        return (levels.length == 6 || alarmTopic) && levels[0].equals(Topics.ROOT)
                && levels[3].equals(tags.gatewayId()) && levels[levels.length - 1].equals(Topics.escape(tags.deviceId()));
    }

    /** The topic level of the alarm streams (docs/operations.md, topic scheme). */
    private static final String ALARMS_LEVEL = "alarms";

    private static boolean isAlarmStream(String deviceId) {
        return deviceId.endsWith(io.wardgate.seal.envelope.Batch.ALARM_STREAM_SUFFIX)
                || deviceId.startsWith(io.wardgate.api.time.ClockNote.DEVICE_ID);
    }

    private static Rejected reject(Deduplicator.Verdict verdict) {
        return verdict == Deduplicator.Verdict.DUPLICATE
                ? new Rejected(Reason.DUPLICATE, "already received")
                : new Rejected(Reason.STALE, "older than the de-duplication window");
    }

    private static OpenResult log(String topic, OpenResult result) {
        if (result instanceof Rejected rejected) {
            if (rejected.reason() == Reason.DUPLICATE) {
                LOG.debug("Duplicate on {}", topic);
            } else {
                LOG.warn("Rejected envelope on {}: {} ({})", topic, rejected.reason(), rejected.detail());
            }
        }
        return result;
    }
}
