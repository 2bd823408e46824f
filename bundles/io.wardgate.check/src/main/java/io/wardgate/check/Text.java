package io.wardgate.check;

/** JSON string quoting and terminal-safe text: file names found on disk may hold anything. */
final class Text {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Text() {
    }

    static String quote(String value) {
        StringBuilder to = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> to.append("\\\"");
                case '\\' -> to.append("\\\\");
                case '\n' -> to.append("\\n");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        to.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        to.append(c);
                    }
                }
            }
        }
        return to.append('"').toString();
    }

    static String printable(String value) {
        return value.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
