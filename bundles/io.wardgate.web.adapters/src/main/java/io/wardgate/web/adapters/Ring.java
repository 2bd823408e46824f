package io.wardgate.web.adapters;

import io.wardgate.api.Decimal;
import io.wardgate.web.port.DeviceVitals.Point;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest values of one series in fixed primitive arrays (17 bytes a point): adding never
 * allocates, and the oldest value is overwritten when full. Not thread-safe; its owner locks.
 * Times are kept to the millisecond, which is all a trend plot needs.
 */
final class Ring {
    private final long[] atMillis;
    private final long[] mantissa;
    private final byte[] exponent;
    private int next;
    private int size;

    Ring(int capacity) {
        atMillis = new long[capacity];
        mantissa = new long[capacity];
        exponent = new byte[capacity];
    }

    void add(Instant at, Decimal value) {
        atMillis[next] = at.toEpochMilli();
        mantissa[next] = value.mantissa();
        exponent[next] = (byte) value.exponent(); // Decimal bounds the exponent to -128..127
        next = (next + 1) % atMillis.length;
        size = Math.min(size + 1, atMillis.length);
    }

    /** When the newest value arrived, in epoch milliseconds; Long.MIN_VALUE when empty. */
    long newestMillis() {
        return size == 0 ? Long.MIN_VALUE : atMillis[(next - 1 + atMillis.length) % atMillis.length];
    }

    /** Up to {@code max} of the newest points at or after {@code fromMillis}, oldest first. */
    List<Point> newest(long fromMillis, int max) {
        int count = 0;
        for (int i = 1; i <= size && count < max; i++) {
            if (atMillis[(next - i + atMillis.length) % atMillis.length] < fromMillis) {
                break;
            }
            count++;
        }
        List<Point> points = new ArrayList<>(count);
        for (int i = count; i >= 1; i--) {
            int slot = (next - i + atMillis.length) % atMillis.length;
            points.add(new Point(Instant.ofEpochMilli(atMillis[slot]), Decimal.of(mantissa[slot], exponent[slot])));
        }
        return points;
    }

    int size() {
        return size;
    }
}
