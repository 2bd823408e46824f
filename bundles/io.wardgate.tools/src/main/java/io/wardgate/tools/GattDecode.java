package io.wardgate.tools;

import io.wardgate.api.driver.GattDriver;
import io.wardgate.api.driver.GattResult;
import io.wardgate.api.driver.GattUuids;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * {@code wardgate decode --gatt UUID HEX}: decodes one BLE characteristic value (as read with
 * bluetoothctl or a sniffer) and prints it as JSON. A malformed value prints the error as JSON,
 * naming the field, and exits with 1. The GATT drivers are found with {@link ServiceLoader}; the device's
 * time stamps are read as UTC.
 */
final class GattDecode {
    static final int MALFORMED = Command.FAILED;

    private GattDecode() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 2) {
            err.println("usage: wardgate decode --gatt UUID HEX   (e.g. --gatt 2A37 1E553200210)");
            return Command.USAGE;
        }
        String uuid = args.get(0);
        Optional<String> characteristic = GattUuids.shortUuid(uuid);
        Optional<GattDriver> driver = characteristic.flatMap(c -> drivers().stream()
                .filter(d -> d.characteristics().contains(c)).findFirst());
        if (driver.isEmpty()) {
            err.println("wardgate decode: characteristic '" + Printable.of(uuid) + "' is not supported (supported: "
                    + String.join(", ", characteristics()) + ")");
            return Command.USAGE;
        }
        String hex = args.get(1).replaceAll("[\\s:]", "");
        if (hex.length() > 2 * GattDriver.MAX_VALUE_LENGTH || hex.length() % 2 != 0
                || !hex.matches("[0-9A-Fa-f]*")) {
            err.println("wardgate decode: the value must be an even number of hex digits, at most "
                    + GattDriver.MAX_VALUE_LENGTH + " bytes");
            return Command.USAGE;
        }
        GattResult result = driver.get().decode(uuid, HexFormat.of().parseHex(hex), Instant.now(), ZoneOffset.UTC);
        out.println(GattJson.toJson(result));
        return result instanceof GattResult.GattError ? MALFORMED : Command.OK;
    }

    /** The GATT drivers on the class path, sorted by protocol name. */
    static List<GattDriver> drivers() {
        return ServiceLoader.load(GattDriver.class).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(GattDriver::protocol)).toList();
    }

    /** For --help: each GATT driver found and the characteristics it decodes. */
    static void listDrivers(PrintStream stream) {
        stream.println("  UUID     a characteristic one of these GATT drivers decodes:");
        for (GattDriver driver : drivers()) {
            stream.printf("    %-14s %s: %s%n", driver.protocol(), String.join(" ", new TreeSet<>(driver.characteristics())),
                    driver.description());
        }
    }

    private static List<String> characteristics() {
        TreeSet<String> all = new TreeSet<>();
        drivers().forEach(d -> all.addAll(d.characteristics()));
        return List.copyOf(all);
    }
}
