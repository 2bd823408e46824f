package io.wardgate.protocol;

import io.wardgate.protocol.intellivue.IntelliVueSession;
import io.wardgate.protocol.masimo.MasimoSession;
import io.wardgate.protocol.nonin.NoninSessions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The serial protocols WardGate speaks, by the name used in configuration and on the command line.
 * Each protocol adds its line here when it lands.
 */
public final class Protocols {
    private static final Map<String, Supplier<ProtocolSession>> SESSIONS = new TreeMap<>(Map.ofEntries(
            Map.entry("intellivue", IntelliVueSession::new),
            Map.entry("nonin-df7", NoninSessions::df7),
            Map.entry("nonin-df8", NoninSessions::df8),
            Map.entry("masimo", MasimoSession::new)
    ));

    private Protocols() {
    }

    /** A fresh session for the named protocol, or empty when the name is unknown. */
    public static Optional<ProtocolSession> open(String name) {
        return Optional.ofNullable(SESSIONS.get(name)).map(Supplier::get);
    }

    public static List<String> names() {
        return List.copyOf(SESSIONS.keySet());
    }
}
