package io.wardgate.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a device, as opposed to something it measured.
 *
 * @param device the device
 * @param kind what happened
 * @param at when the gateway noticed it
 * @param detail a short human-readable detail, at most 512 printable chars; never patient data
 */
public record DeviceEvent(DeviceIdentity device, Kind kind, Instant at, String detail) {

    public enum Kind {
        CONNECTED,
        DISCONNECTED,
        /** The device told who it is (model, serial number). */
        IDENTIFIED,
        /** No data within the configured time. */
        SILENT,
        /** The device raised an alarm. */
        ALARM,
        /** Bytes that could not be framed or decoded; the decoder recovered. */
        MALFORMED_INPUT
    }

    public DeviceEvent {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Checks.printable(detail, "detail", 512);
    }
}
