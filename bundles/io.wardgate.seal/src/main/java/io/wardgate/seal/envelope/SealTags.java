package io.wardgate.seal.envelope;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The routing tags in an envelope's protected header: readable before decryption, covered by the
 * AEAD tag and by the gateway's signature.
 *
 * @param gatewayId the sealing gateway, 1 to 64 letters, digits, '.', '_' or '-'
 * @param deviceId the device id, 1 to 256 printable ASCII characters
 * @param epoch the gateway's boot epoch
 * @param sequence the device's sequence number within the epoch
 * @param sealedAt when it was sealed, on the gateway's clock (nanosecond precision)
 */
public record SealTags(String gatewayId, String deviceId, long epoch, long sequence, Instant sealedAt) {
    static final Pattern GATEWAY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Pattern DEVICE_ID = Pattern.compile("[\\x20-\\x7E]{1,256}");

    public SealTags {
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(sealedAt, "sealedAt");
        if (!GATEWAY_ID.matcher(gatewayId).matches()) {
            throw new IllegalArgumentException("gateway id must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (!DEVICE_ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("device id must be 1 to 256 printable ASCII characters");
        }
        if (epoch < 0 || sequence < 0) {
            throw new IllegalArgumentException("epoch and sequence are never negative");
        }
    }

    /** The de-duplication key: one envelope per (gateway, device, epoch, sequence). */
    public String streamKey() {
        return gatewayId + '\u0000' + deviceId + '\u0000' + epoch;
    }
}
