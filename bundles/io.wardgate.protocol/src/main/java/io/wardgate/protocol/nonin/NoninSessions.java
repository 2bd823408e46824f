package io.wardgate.protocol.nonin;

import io.wardgate.protocol.ProtocolSession;

/** Nonin pulse oximeter sessions, as listed in {@link io.wardgate.protocol.Protocols}. */
public final class NoninSessions {
    private NoninSessions() {
    }

    /** Data format 7: 75 Hz 16-bit pleth, pulse rate and SpO2 three times a second. */
    public static ProtocolSession df7() {
        Df7 df7 = new Df7();
        return new NoninSession(DataFormat.DF7, df7, df7);
    }

    /** Data format 8: pulse rate and SpO2 (display values) once a second. */
    public static ProtocolSession df8() {
        Df8 df8 = new Df8();
        return new NoninSession(DataFormat.DF8, df8, df8);
    }
}
