package io.wardgate.receiver;

import io.wardgate.api.Alarm;
import io.wardgate.api.StatusFlag;
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.SealTags;
import io.wardgate.shared.json.JsonWriter;

/**
 * One JSON object per alarm change ({@code "kind":"alarm"}), in the same JSON Lines stream and with the
 * same envelope fields as readings, and a {@code status} array when the receiver flagged the alarm's time
 * ({@code TIME_UNVERIFIED}). A monitoring aid, not an alarm system: see docs/alarms.md.
 */
final class AlarmLines {
    private AlarmLines() {
    }

    static String line(SealTags tags, Batch batch, int index) {
        Alarm alarm = batch.alarms().get(index);
        JsonWriter json = JsonLinesSink.envelopeFields(tags, batch, index)
                .field("kind", "alarm");
        if (alarm.source() != null) {
            json.field("mdc", alarm.source().mdcCode()).field("metric", alarm.source().referenceId());
        }
        json.field("code", alarm.code()).field("text", alarm.text())
                .field("priority", alarm.priority().name().toLowerCase(java.util.Locale.ROOT))
                .field("state", alarm.state().name().toLowerCase(java.util.Locale.ROOT));
        if (!alarm.status().isEmpty()) {
            // only when there is something to say (TIME_UNVERIFIED), so lines of alarms on a good clock stay as they were
            json.name("status").beginArray();
            for (StatusFlag flag : alarm.status()) {
                json.value(flag.name());
            }
            json.endArray();
        }
        if (alarm.deviceTime() != null) {
            json.field("deviceTime", alarm.deviceTime().toString());
        }
        return json.field("receivedAt", alarm.gatewayTime().toString()).endObject().toString();
    }
}
