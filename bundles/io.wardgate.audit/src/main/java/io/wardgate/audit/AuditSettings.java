package io.wardgate.audit;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of a file audit trail, checked up front.
 *
 * @param directory where the segment files live (created 0700 when absent)
 * @param maxBytes bound on all retained segments together; at least three segments
 * @param segmentBytes a segment is closed and a new one started before it would exceed this
 * @param warnPercent usage at which AUDIT_NEAR_FULL is recorded and the status flag set, 50..99
 * @param gatewayId "where": the gateway's id, 1 to 64 letters, digits, '.', '_' or '-'
 * @param location "where": the gateway's location, 1 to 128 printable characters
 */
public record AuditSettings(Path directory, long maxBytes, long segmentBytes, int warnPercent, String gatewayId,
        String location) {
    /** The configuration's default gateway id: the gateway's identity then supplies the real one. */
    public static final String UNCONFIGURED = "unconfigured";
    public static final long MIN_SEGMENT_BYTES = 4096;
    public static final long MAX_SEGMENT_BYTES = 1L << 30;
    private static final Pattern GATEWAY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern LOCATION = Pattern.compile("[\\x20-\\x7E&&[^\\t]]{1,128}");

    public AuditSettings {
        Objects.requireNonNull(directory, "directory");
        if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("segment bytes must be " + MIN_SEGMENT_BYTES + ".." + MAX_SEGMENT_BYTES);
        }
        if (maxBytes < 3 * segmentBytes) {
            throw new IllegalArgumentException("max bytes must be at least three segments (" + 3 * segmentBytes + ")");
        }
        if (warnPercent < 50 || warnPercent > 99) {
            throw new IllegalArgumentException("warn percent must be 50..99: " + warnPercent);
        }
        if (!validGatewayId(gatewayId)) {
            throw new IllegalArgumentException("gateway id must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (location == null || !LOCATION.matcher(location).matches()) {
            throw new IllegalArgumentException("location must be 1 to 128 printable ASCII characters");
        }
    }

    static boolean validGatewayId(String id) {
        return id != null && GATEWAY_ID.matcher(id).matches();
    }
}
