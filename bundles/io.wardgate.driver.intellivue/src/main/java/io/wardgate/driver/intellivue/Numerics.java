package io.wardgate.driver.intellivue;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;

import io.wardgate.api.Metric;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import io.wardgate.driver.intellivue.Message.Ava;
import io.wardgate.driver.intellivue.Message.ObservationPoll;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Numeric observations from a poll result: NuObsValue ({@code physio_id u16 | state u16 |
 * unit_code u16 | value FLOAT}, device-protocols.md line 30) and the compound NuObsValueCmp
 * ({@code count u16 | length u16 | NuObsValue...}, e.g. NIBP systolic/diastolic/mean).
 */
final class Numerics {
    static final int NU_OBS_VALUE_LENGTH = 10;

    private Numerics() {
    }

    static List<Observation> fromPolls(List<ObservationPoll> polls, Instant now) throws MalformedPdu {
        List<Observation> observations = new ArrayList<>();
        for (ObservationPoll poll : polls) {
            for (Ava ava : poll.attributes()) {
                if (ava.id() == NOM_ATTR_NU_VAL_OBS) {
                    observations.add(nuObsValue(ava.reader(), now));
                } else if (ava.id() == NOM_ATTR_NU_CMPD_VAL_OBS) {
                    PduReader reader = ava.reader();
                    int count = reader.u16("compound count");
                    PduReader values = reader.lengthPrefixed("compound values");
                    for (int i = 0; i < count; i++) {
                        observations.add(nuObsValue(values, now));
                    }
                }
            }
        }
        return observations;
    }

    /** One NuObsValue; the value is dropped (status only) when the state or a FLOAT special says so. */
    static Observation nuObsValue(PduReader reader, Instant now) throws MalformedPdu {
        reader.require(NU_OBS_VALUE_LENGTH, "NuObsValue");
        int physioId = reader.u16("physio id");
        int state = reader.u16("state");
        int unitCode = reader.u16("unit code");
        FloatType value = FloatType.decode(reader.i32("value"));
        Metric metric = Codes.metric(physioId);
        Unit unit = Codes.unit(unitCode);
        Set<StatusFlag> status = Codes.status(state);
        if (!value.isNumber()) {
            status.add(value.special());
        }
        boolean noValue = status.stream().anyMatch(StatusFlag::meansNoValue);
        return noValue ? Observation.absent(metric, unit, status, now)
                : new Observation(metric, unit, value.value(), status, null, now);
    }
}
