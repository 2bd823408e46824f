package io.wardgate.driver.datex;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Alarm status subrecords (DRI specification 8005313, 4.2.1, dri_al_msg): sound on/off, the bedside
 * silence state and five alarm boxes of {@code text[80], text_changed, color, color_changed, reserved[6]}
 * (booleans and enums 16-bit). A box with a colour (1 white, 2 yellow, 3 red) and a text is an active
 * alarm. This class keeps the alarms last seen and reports each change once: an alarm that appears or
 * changes colour, one that is silenced, and one that disappears (ended).
 *
 * <p>Each change becomes a typed {@link Alarm} ({@link Change#toAlarm}): the monitor sends text only, so
 * the alarm has no code and no source metric; red, yellow and white are high, medium and low priority.
 */
final class DatexAlarms {
    static final int BOX = 98;
    static final int BOXES = 5;
    static final int FIRST_BOX = 10;
    static final int TEXT = 80;
    /** DRI_SI_ALL (4) and above: every alarm silenced at the bedside (table 4-2). */
    static final int SILENCE_ALL = 4;

    enum Priority {
        LOW,
        MEDIUM,
        HIGH
    }

    enum State {
        ACTIVE,
        SILENCED,
        ENDED
    }

    /** One change of one alarm. The text is the monitor's, in its language (4.2.1 warns it is not a code). */
    record Change(String text, Priority priority, State state) {
        Change {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(state, "state");
        }

        /** The typed alarm: the same priority and state names, received {@code at}. */
        Alarm toAlarm(Instant at) {
            return toAlarm(null, at);
        }

        /** @param deviceTime the alarm record's r_time (the monitor's clock), or null when it sent 0 */
        Alarm toAlarm(Instant deviceTime, Instant at) {
            return new Alarm(null, "", text, AlarmPriority.valueOf(priority.name()), AlarmState.valueOf(state.name()),
                    deviceTime, at);
        }
    }

    private Map<String, Change> active = Map.of();

    /** The changes since the last status, or a problem string in the list's place when it cannot be read. */
    List<Change> update(ByteBuffer subrecord) {
        Map<String, Change> now = new LinkedHashMap<>();
        boolean silenced = subrecord.getShort(8) >= SILENCE_ALL;
        for (int box = 0; box < BOXES; box++) {
            int base = FIRST_BOX + box * BOX;
            int color = subrecord.getShort(base + TEXT + 2);
            String text = text(subrecord, base);
            if (color < 1 || color > 3 || text.isEmpty()) {
                continue;
            }
            Priority priority = Priority.values()[color - 1];
            now.putIfAbsent(text, new Change(text, priority, silenced ? State.SILENCED : State.ACTIVE));
        }
        List<Change> changes = new ArrayList<>();
        for (Change change : now.values()) {
            if (!change.equals(active.get(change.text()))) {
                changes.add(change);
            }
        }
        for (Change old : active.values()) {
            if (!now.containsKey(old.text())) {
                changes.add(new Change(old.text(), old.priority(), State.ENDED));
            }
        }
        active = now;
        return changes;
    }

    void reset() {
        active = Map.of();
    }

    static boolean fits(ByteBuffer subrecord) {
        return subrecord.remaining() >= FIRST_BOX + BOXES * BOX;
    }

    /** The NUL-terminated text, printable ASCII only (anything else becomes '?'), trimmed. */
    private static String text(ByteBuffer subrecord, int base) {
        byte[] bytes = new byte[TEXT];
        int n = 0;
        while (n < TEXT && subrecord.get(base + n) != 0) {
            byte b = subrecord.get(base + n);
            bytes[n++] = b >= 0x20 && b < 0x7F && b != '"' ? b : (byte) '?';
        }
        return new String(bytes, 0, n, StandardCharsets.US_ASCII).trim();
    }
}
