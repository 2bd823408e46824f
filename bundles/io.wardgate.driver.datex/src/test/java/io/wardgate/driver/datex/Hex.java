package io.wardgate.driver.datex;

import java.util.HexFormat;

/** Hex strings as printed in the specifications ("7e 31 00 ..."), spaces and case ignored. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT));
    }

    static String string(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }
}
