package io.wardgate.api.driver;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** 16-bit Bluetooth SIG UUIDs and their 128-bit form on the Bluetooth base UUID. */
public final class GattUuids {
    // device-protocols.md: "UUID base 0000xxxx-0000-1000-8000-00805f9b34fb".
    private static final Pattern FULL = Pattern.compile("0000([0-9a-f]{4})-0000-1000-8000-00805f9b34fb");
    private static final Pattern SHORT = Pattern.compile("(?:0x)?([0-9a-f]{4})");

    private GattUuids() {
    }

    /** The full 128-bit form of a 16-bit UUID, lower case, as BlueZ reports UUIDs. */
    public static String fullUuid(String shortUuid) {
        return "0000" + shortUuid.toLowerCase(Locale.ROOT) + "-0000-1000-8000-00805f9b34fb";
    }

    /** "2A37" for "2a37", "0x2A37" or "00002a37-0000-1000-8000-00805f9b34fb"; empty for anything else. */
    public static Optional<String> shortUuid(String uuid) {
        if (uuid == null || uuid.length() > 40) {
            return Optional.empty();
        }
        String lower = uuid.trim().toLowerCase(Locale.ROOT);
        Matcher full = FULL.matcher(lower);
        if (full.matches()) {
            return Optional.of(full.group(1).toUpperCase(Locale.ROOT));
        }
        Matcher shortForm = SHORT.matcher(lower);
        return shortForm.matches() ? Optional.of(shortForm.group(1).toUpperCase(Locale.ROOT)) : Optional.empty();
    }
}
