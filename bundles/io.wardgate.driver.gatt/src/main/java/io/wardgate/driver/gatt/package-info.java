/**
 * Bluetooth LE GATT health profiles as pure decoders: one characteristic value in, readings out,
 * offered to io.wardgate.ble as the {@link io.wardgate.driver.gatt.GattHealthDriver} ("gatt").
 * {@link io.wardgate.driver.gatt.GattDecoders#decode} never throws on bad input: a malformed value
 * becomes a GattError naming the field. Numbers are IEEE 11073-20601 SFLOAT/FLOAT kept as mantissa
 * and exponent; their special values (NaN, NRes, +INF, -INF, reserved) become statuses, never numbers.
 * Not exported: other bundles use the driver service (io.wardgate.api.driver).
 */
package io.wardgate.driver.gatt;
