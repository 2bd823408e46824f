package io.wardgate.seal.envelope;

import static io.wardgate.seal.envelope.Values.array;
import static io.wardgate.seal.envelope.Values.integer;
import static io.wardgate.seal.envelope.Values.text;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.seal.envelope.Cbor.MalformedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Alarm changes in the signed payload (key 6 of wardgate-batch version 2, CDDL "alarm" in
 * docs/envelope.md): {@code [source: metric / null, code, text, priority, state, device-time / null,
 * gateway-time]}, priority and state by name.
 */
final class AlarmCodec {
    private AlarmCodec() {
    }

    static List<Object> encode(List<Alarm> alarms) {
        List<Object> items = new ArrayList<>(alarms.size());
        for (Alarm a : alarms) {
            items.add(Arrays.asList(a.source() == null ? null : PayloadCodec.metric(a.source()), a.code(), a.text(),
                    a.priority().name(), a.state().name(), a.deviceTime() == null ? null : PayloadCodec.time(a.deviceTime()),
                    PayloadCodec.time(a.gatewayTime())));
        }
        return items;
    }

    static List<Alarm> decode(Object value) throws MalformedException {
        List<?> items = array(value, "alarms", 1, Batch.MAX_ALARMS);
        List<Alarm> alarms = new ArrayList<>(items.size());
        for (Object item : items) {
            List<?> a = array(item, "alarm", 7, 7);
            alarms.add(new Alarm(a.get(0) == null ? null : PayloadCodec.metric(a.get(0)), text(a.get(1), "alarm code", 64),
                    text(a.get(2), "alarm text", Alarm.MAX_TEXT), named(AlarmPriority.class, a.get(3), "alarm priority"),
                    named(AlarmState.class, a.get(4), "alarm state"),
                    a.get(5) == null ? null : PayloadCodec.instant(integer(a.get(5), "alarm device time")),
                    PayloadCodec.instant(integer(a.get(6), "alarm gateway time"))));
        }
        return alarms;
    }

    private static <E extends Enum<E>> E named(Class<E> type, Object value, String what) throws MalformedException {
        String name = text(value, what, 16);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw new MalformedException("unknown " + what);
    }
}
