package io.wardgate.seal.envelope;

import io.wardgate.api.Location;
import io.wardgate.api.pipeline.Route;
import java.nio.charset.StandardCharsets;

/**
 * The MQTT topic of an envelope: {@code wardgate/<site>/<ward>/<gatewayId>/<topicSuffix>/<device>}.
 * Site, ward, gateway id and suffix are already topic-safe (letters, digits, '.', '_', '-'). The
 * device id (e.g. "serial:/dev/ttyUSB0", "ble:AA:BB:CC:DD:EE:FF") is escaped reversibly: letters,
 * digits, '.' and '-' stay, every other byte of its UTF-8 becomes '_' and two upper-case hex digits
 * ("serial_3A_2Fdev_2FttyUSB0"). So no '/', '+', '#' or '$' reaches a topic level, and two device ids
 * never share a topic.
 */
public final class Topics {
    public static final String ROOT = "wardgate";

    private Topics() {
    }

    public static String topic(Location location, String gatewayId, Route route, String deviceId) {
        return ROOT + '/' + location.site() + '/' + location.ward() + '/' + gatewayId + '/' + route.topicSuffix()
                + '/' + escape(deviceId);
    }

    public static String escape(String deviceId) {
        StringBuilder out = new StringBuilder(deviceId.length() * 2);
        for (byte b : deviceId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-') {
                out.append(c);
            } else {
                out.append('_').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out.toString();
    }

    public static String unescape(String level) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(level.length());
        for (int i = 0; i < level.length(); i++) {
            char c = level.charAt(i);
            if (c == '_') {
                if (i + 2 >= level.length()) {
                    throw new IllegalArgumentException("truncated escape in topic level");
                }
                out.write(Integer.parseInt(level.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
