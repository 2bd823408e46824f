/**
 * Bluetooth LE GATT health profiles as pure decoders: one characteristic value in, readings out.
 * {@link io.wardgate.protocol.gatt.GattDecoders#decode} never throws on bad input: a malformed value
 * becomes a {@link io.wardgate.protocol.gatt.GattResult.GattError} naming the field.
 * Numbers are IEEE 11073-20601 SFLOAT/FLOAT kept as mantissa and exponent; their special values
 * (NaN, NRes, +INF, -INF, reserved) become statuses, never numbers.
 */
@Export
@Version("1.0.0")
package io.wardgate.protocol.gatt;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
