package io.wardgate.check;

/** Terminal-safe text: file names found on disk may hold anything (JSON goes through the shared JsonWriter). */
final class Text {
    private Text() {
    }

    static String printable(String value) {
        return value.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
