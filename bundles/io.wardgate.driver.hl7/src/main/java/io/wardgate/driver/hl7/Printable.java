package io.wardgate.driver.hl7;

/** What a sender wrote, made safe for identities and events: printable ASCII, bounded. */
final class Printable {
    private Printable() {
    }

    /** {@code text} with anything but printable ASCII replaced by '?', cut to {@code max} characters. */
    static String of(String text, int max) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && b.length() < max; i++) {
            char c = text.charAt(i);
            b.append(c >= 0x20 && c <= 0x7E ? c : '?');
        }
        return b.toString();
    }
}
