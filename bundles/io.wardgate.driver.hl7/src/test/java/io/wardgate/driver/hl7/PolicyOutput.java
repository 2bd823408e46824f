package io.wardgate.driver.hl7;

import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.SessionOutput;
import io.wardgate.sim.RecordingOutput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A transport's output as the network host would be: records what the session decoded and sent, and
 * answers {@link #admitted()} as a policy would, by the EUI-64 of the identity reported last.
 */
final class PolicyOutput implements SessionOutput {
    final RecordingOutput recorded = new RecordingOutput();
    private final Set<String> allowedEuis;
    private Decoded.IdentityDecoded current;
    final List<String> asked = new ArrayList<>();

    PolicyOutput(Set<String> allowedEuis) {
        this.allowedEuis = allowedEuis;
    }

    @Override
    public void decoded(Decoded item) {
        if (item instanceof Decoded.IdentityDecoded identity) {
            current = identity;
        }
        recorded.decoded(item);
    }

    @Override
    public void send(byte[] bytes) {
        recorded.send(bytes);
    }

    @Override
    public boolean admitted() {
        asked.add(current == null ? "(none)" : current.eui64());
        return current != null && allowedEuis.contains(current.eui64());
    }

    /** The acknowledgements sent, as ER7 text without the MLLP block characters. */
    List<String> acks() {
        return recorded.sent().stream().map(b -> {
            String s = new String(b, StandardCharsets.UTF_8);
            if (s.charAt(0) != MllpFrames.START || !s.endsWith("\u001c\r")) {
                throw new AssertionError("not an MLLP frame: " + s);
            }
            return s.substring(1, s.length() - 2);
        }).toList();
    }

    /** MSA-1 and MSA-2 of the n-th acknowledgement, e.g. "CA|MSG00001". */
    String msa(int n) {
        for (String segment : acks().get(n).split("\r")) {
            if (segment.startsWith("MSA|")) {
                String[] f = segment.split("\\|", -1);
                return f[1] + "|" + f[2];
            }
        }
        throw new AssertionError("no MSA in " + acks().get(n));
    }
}
