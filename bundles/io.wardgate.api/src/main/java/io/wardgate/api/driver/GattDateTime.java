package io.wardgate.api.driver;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * A GATT Date Time (device-protocols.md: "Date Time = 7 bytes: year u16 (0 = unknown), month, day,
 * hours, minutes, seconds") as the device sent it: its own local clock, no zone. Month and day 0 mean
 * unknown too (Bluetooth SIG Date Time characteristic).
 */
public record GattDateTime(int year, int month, int day, int hours, int minutes, int seconds) {

    /** Checks the field ranges: the name and rule of the first bad field, or null when all are in range. */
    public static String firstBadField(int year, int month, int day, int hours, int minutes, int seconds) {
        if (year != 0 && (year < 1582 || year > 9999)) {
            return "year " + year + " is outside 1582..9999 (0 = unknown)";
        }
        if (month > 12) {
            return "month " + month + " is outside 0..12 (0 = unknown)";
        }
        if (day > 31) {
            return "day " + day + " is outside 0..31 (0 = unknown)";
        }
        if (hours > 23) {
            return "hours " + hours + " is outside 0..23";
        }
        if (minutes > 59) {
            return "minutes " + minutes + " is outside 0..59";
        }
        if (seconds > 59) {
            return "seconds " + seconds + " is outside 0..59";
        }
        return null;
    }

    public GattDateTime {
        String bad = firstBadField(year, month, day, hours, minutes, seconds);
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
    }

    /** Whether year, month and day are all known. */
    public boolean isComplete() {
        return year != 0 && month != 0 && day != 0;
    }

    /** The instant, reading the device clock in {@code zone}; empty when incomplete or not a real date. */
    public Optional<Instant> toInstant(ZoneId zone) {
        if (!isComplete()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(year, month, day, hours, minutes, seconds).atZone(zone).toInstant());
        } catch (DateTimeException notADate) {
            return Optional.empty(); // e.g. 31 February: the fields were in range, the date is not real
        }
    }

    /** ISO-8601 local date-time, with "????" / "??" for unknown parts, e.g. "????-04-17T20:41:59". */
    @Override
    public String toString() {
        String y = year == 0 ? "????" : String.format(Locale.ROOT, "%04d", year);
        String m = month == 0 ? "??" : String.format(Locale.ROOT, "%02d", month);
        String d = day == 0 ? "??" : String.format(Locale.ROOT, "%02d", day);
        return y + "-" + m + "-" + d + String.format(Locale.ROOT, "T%02d:%02d:%02d", hours, minutes, seconds);
    }
}
