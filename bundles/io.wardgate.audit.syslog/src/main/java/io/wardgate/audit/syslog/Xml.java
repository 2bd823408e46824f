package io.wardgate.audit.syslog;

/**
 * XML escaping for element text and attribute values, with an optional bound on the escaped length that
 * never cuts an entity in half. Audit fields are printable ASCII already (AuditEvent checks); anything else
 * is still written safely: other characters as numeric references, control characters (not allowed in
 * XML 1.0) as '?'.
 */
final class Xml {
    static final String ELLIPSIS = "...";

    private Xml() {
    }

    static String escape(String text) {
        return escapeWithin(text, Integer.MAX_VALUE);
    }

    /**
     * The escaped text if it fits in {@code max} characters; otherwise as much of it as fits together with
     * "..." (or nothing at all when not even that fits).
     */
    static String escapeWithin(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length() + 16, 1 << 16));
        int cutAt = -1;
        for (int i = 0; i < text.length(); i++) {
            String piece = escaped(text.charAt(i));
            if (cutAt < 0 && out.length() + piece.length() > max - ELLIPSIS.length()) {
                cutAt = out.length(); // where to cut if the whole text turns out too long
            }
            if (out.length() + piece.length() > max) {
                return max < ELLIPSIS.length() ? "" : out.substring(0, cutAt) + ELLIPSIS;
            }
            out.append(piece);
        }
        return out.toString();
    }

    /** The length of {@code text} escaped. */
    static int escapedLength(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            length += escaped(text.charAt(i)).length();
        }
        return length;
    }

    private static String escaped(char c) {
        return switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&apos;";
            default -> c >= 0x20 && c <= 0x7E ? String.valueOf(c) : c < 0x20 || Character.isSurrogate(c) ? "?"
                    : "&#x" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + ";";
        };
    }
}
