package io.wardgate.driver.intellivue;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.SessionOutput;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reports each code the nomenclature table cannot name once per session (a monitor repeats it every
 * poll), as a MALFORMED_INPUT event; at most {@value #MAX_REPORTED} distinct ones, so a broken
 * monitor cannot grow the set without bound.
 */
final class UnnamedCodes {
    static final int MAX_REPORTED = 256;

    private final Set<String> reported = new HashSet<>();

    void report(long offset, List<String> unnamed, SessionOutput out) {
        for (String description : unnamed) {
            if (reported.size() < MAX_REPORTED && reported.add(description)) {
                out.decoded(new Decoded.EventDecoded(offset, DeviceEvent.Kind.MALFORMED_INPUT, description));
            }
        }
    }
}
