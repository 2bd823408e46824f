package io.wardgate.driver.gatt.sim;

import java.io.ByteArrayOutputStream;
import java.time.LocalDateTime;

/** The device side of the GATT formats: little-endian fields and IEEE 11073 SFLOAT/FLOAT. */
final class GattEncoding {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    GattEncoding u8(int value) {
        out.write(value & 0xFF);
        return this;
    }

    GattEncoding u16(int value) {
        return u8(value).u8(value >> 8);
    }

    GattEncoding u24(int value) {
        return u16(value).u8(value >> 16);
    }

    /** SFLOAT: 4-bit exponent, 12-bit mantissa (-2046..2045). */
    GattEncoding sfloat(int mantissa, int exponent) {
        return u16(((exponent & 0x0F) << 12) | (mantissa & 0x0FFF));
    }

    /** FLOAT: 8-bit exponent, 24-bit mantissa. */
    GattEncoding float32(int mantissa, int exponent) {
        int raw = ((exponent & 0xFF) << 24) | (mantissa & 0x00FFFFFF);
        return u16(raw).u16(raw >>> 16);
    }

    GattEncoding dateTime(LocalDateTime time) {
        return u16(time.getYear()).u8(time.getMonthValue()).u8(time.getDayOfMonth()).u8(time.getHour())
                .u8(time.getMinute()).u8(time.getSecond());
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
