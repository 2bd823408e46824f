package io.wardgate.driver.hl7;

/**
 * One coding of a CWE/CE field: identifier, text, coding system (components 1-3, or 4-6 for the
 * alternate). Empty strings for what was not sent.
 */
record Coded(String id, String text, String system) {
    boolean isEmpty() {
        return id.isEmpty();
    }

    boolean in(String codingSystem) {
        return system.equalsIgnoreCase(codingSystem);
    }

    /** For events: "150456^MDC_PULS_OXIM_SAT_O2^MDC", shortened and printable. */
    String describe() {
        return Printable.of(id + "^" + text + "^" + system, 80);
    }
}
