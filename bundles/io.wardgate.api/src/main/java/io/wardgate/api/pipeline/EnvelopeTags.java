package io.wardgate.api.pipeline;

import java.time.Instant;
import java.util.Objects;

/**
 * The routing tags of a sealed envelope. They ride in the envelope's signed protected header;
 * the outbox and uplink read them here without opening the envelope.
 *
 * @param gatewayId the sealing gateway
 * @param deviceId the device id ({@link io.wardgate.api.DeviceIdentity#id()})
 * @param epoch the gateway's boot epoch
 * @param sequence the device's sequence number within the epoch, from 0, never repeated
 * @param sealedAt when it was sealed, on the gateway's clock
 * @param topic the MQTT topic it is published to
 * @param priority 0 (lowest) to 9
 * @param readingCount how many readings it holds
 */
public record EnvelopeTags(String gatewayId, String deviceId, long epoch, long sequence, Instant sealedAt, String topic,
        int priority, int readingCount) {
    public EnvelopeTags {
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(sealedAt, "sealedAt");
        Objects.requireNonNull(topic, "topic");
        if (epoch < 0 || sequence < 0 || readingCount < 0) {
            throw new IllegalArgumentException("epoch, sequence and reading count are never negative");
        }
        if (priority < 0 || priority > 9) {
            throw new IllegalArgumentException("priority must be 0..9: " + priority);
        }
    }
}
