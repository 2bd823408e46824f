package io.wardgate.driver.gatt;

import io.wardgate.api.driver.GattDateTime;

/**
 * Reads little-endian fields from a value whose length {@link Layout} has already checked, so no
 * read here can run past the end.
 */
final class LeReader {
    private final byte[] value;
    private int position;

    LeReader(byte[] value) {
        this.value = value;
    }

    int remaining() {
        return value.length - position;
    }

    int u8() {
        return value[position++] & 0xFF;
    }

    int u16() {
        int low = u8();
        return low | (u8() << 8);
    }

    int s16() {
        return (short) u16();
    }

    int u24() {
        int low = u16();
        return low | (u8() << 16);
    }

    int u32() {
        int low = u16();
        return low | (u16() << 16);
    }

    MderNumber sfloat() {
        return MderNumber.sfloat(u16());
    }

    MderNumber float32() {
        return MderNumber.float32(u32());
    }

    /** A Date Time; a part out of range is malformed input named {@code field}.month etc. */
    GattDateTime dateTime(String field) {
        int year = u16();
        int month = u8();
        int day = u8();
        int hours = u8();
        int minutes = u8();
        int seconds = u8();
        String bad = GattDateTime.firstBadField(year, month, day, hours, minutes, seconds);
        if (bad != null) {
            throw new Malformed(field + "." + bad.substring(0, bad.indexOf(' ')), bad);
        }
        return new GattDateTime(year, month, day, hours, minutes, seconds);
    }
}
