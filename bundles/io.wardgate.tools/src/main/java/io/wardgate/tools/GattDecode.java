package io.wardgate.tools;

import io.wardgate.protocol.gatt.GattDecoders;
import io.wardgate.protocol.gatt.GattJson;
import io.wardgate.protocol.gatt.GattResult;
import java.io.PrintStream;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code wardgate decode --gatt UUID HEX}: decodes one BLE characteristic value (as read with
 * bluetoothctl or a sniffer) and prints it as JSON. A malformed value prints the error as JSON,
 * naming the field, and exits with 1.
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
        if (!GattDecoders.supports(uuid)) {
            err.println("wardgate decode: characteristic '" + Json.printable(uuid) + "' is not supported (supported: "
                    + String.join(", ", GattDecoders.supportedCharacteristics()) + ")");
            return Command.USAGE;
        }
        String hex = args.get(1).replaceAll("[\\s:]", "");
        if (hex.length() > 2 * GattDecoders.MAX_VALUE_LENGTH || hex.length() % 2 != 0
                || !hex.matches("[0-9A-Fa-f]*")) {
            err.println("wardgate decode: the value must be an even number of hex digits, at most "
                    + GattDecoders.MAX_VALUE_LENGTH + " bytes");
            return Command.USAGE;
        }
        GattResult result = GattDecoders.decode(uuid, HexFormat.of().parseHex(hex), Instant.now());
        out.println(GattJson.toJson(result));
        return result instanceof GattResult.GattError ? MALFORMED : Command.OK;
    }
}
