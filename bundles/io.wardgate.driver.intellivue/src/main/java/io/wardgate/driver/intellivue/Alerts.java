package io.wardgate.driver.intellivue;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.Metric;
import io.wardgate.api.driver.AlarmReports;
import io.wardgate.driver.intellivue.Message.Ava;
import io.wardgate.driver.intellivue.Message.ObservationPoll;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Alarm changes from the alert monitor object (NOM_MOC_VMO_AL_MON, attribute group NOM_ATTR_GRP_AL_MON).
 * Layouts (Philips Data Export guide, "Alert Monitor Object"; all big-endian):
 * <pre>
 * DeviceAlertCondition  device_alert_state AlertState u16, al_stat_chg_cnt u16, max_p_alarm u16,
 *                       max_t_alarm u16, max_aud_alarm u16
 * DevAlarmList          count u16, length u16, DevAlarmEntry...
 * DevAlarmEntry         al_source u16, al_code u16, al_type AlertType u16, al_state AlertState u16,
 *                       object ManagedObjectId(6), alert_info_id u16, length u16, info
 * AlMonGenInfo          al_inst_no u16, al_text TextId u32, priority u16, flags u16
 * StrAlMonInfo          AlMonGenInfo, then String(length u16 in bytes, UTF-16 characters)
 * </pre>
 * al_code is from the event partition; its least significant bit says which partition al_source is
 * from (0 SCADA, i.e. a physiological id; 1 object, e.g. a measurement module).
 *
 * <p>The monitor repeats its whole patient list (NOM_ATTR_AL_MON_P_AL_LIST) and technical list
 * (NOM_ATTR_AL_MON_T_AL_LIST) with every answer; each list is diffed against its previous answer on
 * its own, so an answer without one list (or with a malformed one) leaves that list's conditions as
 * they were rather than ending them. One per session; {@link #clear} on a new association.
 */
final class Alerts {
    /** DevAlarmEntry header before its info: what each entry takes at least, bounding a forged count. */
    static final int ENTRY_HEADER = 18;
    static final int DEVICE_CONDITION_LENGTH = 10;
    /** AlertState bits that mean the alarm signal is not sounding although the condition is present. */
    static final int NOT_SOUNDING = AL_INHIBITED | AL_SUSPENDED | AL_SILENCED_RESET;

    private final AlarmReports patient = new AlarmReports();
    private final AlarmReports technical = new AlarmReports();

    /** What one answer gave: alarm changes, and why a list could not be read (the previous one stands). */
    record Result(List<Alarm> changes, List<String> problems) {
    }

    Result fromPolls(List<ObservationPoll> polls, Instant now) {
        return fromPolls(polls, null, now);
    }

    /** @param deviceTime when the monitor's clock says the poll was taken, or null when it is not known */
    Result fromPolls(List<ObservationPoll> polls, Instant deviceTime, Instant now) {
        List<Alarm> changes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ObservationPoll poll : polls) {
            int deviceState = 0;
            for (Ava ava : poll.attributes()) {
                if (ava.id() == NOM_ATTR_DEV_AL_COND) {
                    try {
                        deviceState = deviceAlertState(ava.reader());
                    } catch (MalformedPdu e) {
                        problems.add("device alert condition: " + e.getMessage());
                    }
                }
            }
            for (Ava ava : poll.attributes()) {
                boolean isPatient = ava.id() == NOM_ATTR_AL_MON_P_AL_LIST;
                if (!isPatient && ava.id() != NOM_ATTR_AL_MON_T_AL_LIST) {
                    continue;
                }
                String which = isPatient ? "patient alert list" : "technical alert list";
                try {
                    List<Alarm> present = devAlarmList(ava.reader(), deviceState, now).stream()
                            .map(a -> a.at(deviceTime, now)).toList();
                    changes.addAll((isPatient ? patient : technical).update(present, deviceTime, now));
                } catch (MalformedPdu e) {
                    problems.add(which + " not read, its previous alarms stand: " + e.getMessage());
                }
            }
        }
        return new Result(changes, problems);
    }

    /** Forgets every condition: after a new association they are raised again. */
    void clear() {
        patient.reset();
        technical.reset();
    }

    /** The device-wide AlertState of a DeviceAlertCondition (e.g. all alarms paused at the bedside). */
    static int deviceAlertState(PduReader reader) throws MalformedPdu {
        reader.require(DEVICE_CONDITION_LENGTH, "DeviceAlertCondition");
        return reader.u16("device alert state");
    }

    /**
     * Every entry of a DevAlarmList as a present condition. {@code deviceState} is the device-wide
     * AlertState, added to each entry's own (a bedside "alarms paused" silences every condition).
     */
    static List<Alarm> devAlarmList(PduReader reader, int deviceState, Instant now) throws MalformedPdu {
        int count = reader.u16("alert count");
        PduReader list = reader.lengthPrefixed("alert list");
        List<Alarm> alarms = new ArrayList<>(Math.min(count, list.remaining() / ENTRY_HEADER));
        for (int i = 0; i < count; i++) {
            alarms.add(devAlarmEntry(list, deviceState, now));
        }
        return alarms;
    }

    static Alarm devAlarmEntry(PduReader list, int deviceState, Instant now) throws MalformedPdu {
        list.require(ENTRY_HEADER, "DevAlarmEntry");
        int source = list.u16("al_source");
        int code = list.u16("al_code");
        int type = list.u16("al_type");
        int state = list.u16("al_state") | deviceState;
        list.skip(6, "alert object");
        int infoId = list.u16("alert_info_id");
        PduReader info = list.lengthPrefixed("alert info");
        int instance = 0;
        String deviceText = "";
        if (infoId == GEN_ALMON_INFO || infoId == STR_ALMON_INFO) {
            instance = info.u16("al_inst_no");
            info.skip(4 + 2 + 2, "al_text, priority, flags");
            if (infoId == STR_ALMON_INFO) {
                int length = info.u16("alert string length");
                deviceText = text(info.bytes(length, "alert string"));
            }
        }
        boolean scadaSource = (code & 1) == 0;
        Metric metric = scadaSource ? Codes.metric(source).orElse(null) : null;
        String alarmCode = String.format(Locale.ROOT, "intellivue:%04X.%04X", source, code)
                + (instance != 0 ? "." + instance : "");
        String text = deviceText.isBlank() ? fallbackText(source, code, scadaSource, metric) : deviceText;
        return new Alarm(metric, alarmCode, withMode(text, state), priority(type), state(state), null, now);
    }

    /**
     * AlertType to the IEC 60601-1-8 vocabulary: Philips' red (***) alarms and red INOPs are high,
     * yellow (**) alarms and yellow INOPs medium, short-yellow (*) alarms and cyan INOPs low. A type
     * with none of those bits (NO_ALERT or a value the guide does not list) is carried as information.
     */
    static AlarmPriority priority(int type) {
        if ((type & (HI_PRI_P_AL | HI_PRI_T_AL)) != 0) {
            return AlarmPriority.HIGH;
        } else if ((type & (MED_PRI_P_AL | MED_PRI_T_AL)) != 0) {
            return AlarmPriority.MEDIUM;
        } else if ((type & (LOW_PRI_P_AL | LOW_PRI_T_AL)) != 0) {
            return AlarmPriority.LOW;
        }
        return AlarmPriority.INFO;
    }

    /** Inhibited, suspended (alarms paused) or silenced/reset: present but not sounding. Latched counts as active. */
    static AlarmState state(int alertState) {
        return (alertState & NOT_SOUNDING) != 0 ? AlarmState.SILENCED : AlarmState.ACTIVE;
    }

    /** The alert string: UTF-16 up to the first NUL, anything but printable ASCII as '?', at most 128 chars. */
    static String text(byte[] utf16) {
        String decoded = new String(utf16, 0, utf16.length & ~1, StandardCharsets.UTF_16BE);
        int nul = decoded.indexOf('\0');
        StringBuilder clean = new StringBuilder();
        for (char c : (nul >= 0 ? decoded.substring(0, nul) : decoded).toCharArray()) {
            if (clean.length() == Alarm.MAX_TEXT) {
                break;
            }
            clean.append(c >= 0x20 && c <= 0x7E ? c : '?');
        }
        return clean.toString().strip();
    }

    /** Without a string the alarm still goes out, named by its numbers: an unknown code is never dropped. */
    private static String fallbackText(int source, int code, boolean scadaSource, Metric metric) {
        String from = metric != null ? metric.referenceId()
                : String.format(Locale.ROOT, "%s 0x%04X", scadaSource ? "source" : "object", source);
        return String.format(Locale.ROOT, "%s alert 0x%04X (MDC event %d)", from, code,
                (NOM_PART_EVT << 16) + (code & 0xFFFE));
    }

    /** A monitor in demo or test mode raises alarms about a simulated patient: the text says so. */
    private static String withMode(String text, int state) {
        String mode = (state & AL_DEV_IN_DEMO_MODE) != 0 ? " [demo mode]"
                : (state & AL_DEV_IN_TEST_MODE) != 0 ? " [test mode]" : "";
        return mode.isEmpty() ? text : text.substring(0, Math.min(text.length(), Alarm.MAX_TEXT - mode.length())) + mode;
    }
}
