package io.wardgate.api.driver;

import java.util.regex.Pattern;

/** The rule for protocol names: 1 to 32 lower-case letters, digits and '-', not starting with '-'. */
public final class ProtocolNames {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private ProtocolNames() {
    }

    /** Whether {@code name} is a well-formed protocol name (not whether a driver for it exists). */
    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
