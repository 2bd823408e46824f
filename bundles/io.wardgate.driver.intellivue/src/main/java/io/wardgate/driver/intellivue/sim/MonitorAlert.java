package io.wardgate.driver.intellivue.sim;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;

import java.util.Objects;

/**
 * One entry of the simulated monitor's alert lists (a DevAlarmEntry with a StrAlMonInfo).
 *
 * @param source al_source: a physiological id (SCADA partition) when {@code code} is even, an object id when odd
 * @param code al_code from the event partition
 * @param type AlertType, e.g. {@code HI_PRI_P_AL}; a technical type (INOP) puts the entry in the technical list
 * @param state AlertState bits, e.g. {@code AL_NEW_ALERT} or {@code AL_SILENCED_RESET}
 * @param text the alert string the monitor shows, 0 to 64 chars (empty: an AlMonGenInfo without a string)
 */
public record MonitorAlert(int source, int code, int type, int state, String text) {
    public MonitorAlert {
        if (source < 0 || source > 0xFFFF || code < 0 || code > 0xFFFF || type < 0 || type > 0xFFFF || state < 0
                || state > 0xFFFF) {
            throw new IllegalArgumentException("source, code, type and state are 16-bit values");
        }
        Objects.requireNonNull(text, "text");
        if (text.length() > 64) {
            throw new IllegalArgumentException("an alert text has at most 64 chars");
        }
    }

    /** Technical alerts (INOPs) go to NOM_ATTR_AL_MON_T_AL_LIST, the others to the patient list. */
    public boolean technical() {
        return (type & (LOW_PRI_T_AL | MED_PRI_T_AL | HI_PRI_T_AL)) != 0;
    }

    /** What identifies the entry on the monitor: a second raise with the same key replaces the first. */
    String key() {
        return source + "/" + code;
    }
}
