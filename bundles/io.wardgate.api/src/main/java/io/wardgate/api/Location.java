package io.wardgate.api;

import java.util.regex.Pattern;

/**
 * Where a device stands, as configured by the clinical engineer. The parts become MQTT topic
 * levels, so they are restricted to letters, digits, '.', '_' and '-'.
 */
public record Location(String site, String ward, String bed) {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String RULE = "1 to 64 letters, digits, '.', '_' or '-'";

    public Location {
        Checks.matches(site, "site", PART, RULE);
        Checks.matches(ward, "ward", PART, RULE);
        Checks.matches(bed, "bed", PART, RULE);
    }

    @Override
    public String toString() {
        return site + "/" + ward + "/" + bed;
    }
}
