package io.wardgate.policy.internal;

/** Making text fit an audit record: printable ASCII, bounded length. */
final class Events {
    private Events() {
    }

    static String bounded(String text, int max) {
        String printable = text.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= max ? printable : printable.substring(0, max - 3) + "...";
    }

    /** The audit actor for something a device did. */
    static String deviceActor(String deviceId) {
        return bounded("device:" + deviceId, 128);
    }
}
