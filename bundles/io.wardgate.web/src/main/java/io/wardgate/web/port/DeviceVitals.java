package io.wardgate.web.port;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Location;
import io.wardgate.api.Metric;
import io.wardgate.api.Unit;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One device's recent values.
 *
 * @param device who sent them
 * @param location where it stands
 * @param lastSeen when its last reading arrived
 * @param series one per metric
 */
public record DeviceVitals(DeviceIdentity device, Location location, Instant lastSeen, List<Series> series) {
    public DeviceVitals {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(lastSeen, "lastSeen");
        series = List.copyOf(series);
    }

    /** A metric's recent values, oldest first. */
    public record Series(Metric metric, Unit unit, List<Point> points) {
        public Series {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(unit, "unit");
            points = List.copyOf(points);
        }
    }

    /** One value at the time the gateway received it. */
    public record Point(Instant at, Decimal value) {
        public Point {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(value, "value");
        }
    }
}
