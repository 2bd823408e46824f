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
import java.util.Optional;
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

    /** What one poll result gave: observations, and descriptions of values whose code has no public name. */
    record Result(List<Observation> observations, List<String> unnamed) {
    }

    static Result fromPolls(List<ObservationPoll> polls, Instant now) throws MalformedPdu {
        return fromPolls(polls, null, now);
    }

    /** @param deviceTime when the monitor's clock says the poll was taken, or null when it is not known */
    static Result fromPolls(List<ObservationPoll> polls, Instant deviceTime, Instant now) throws MalformedPdu {
        List<Observation> observations = new ArrayList<>();
        List<String> unnamed = new ArrayList<>();
        for (ObservationPoll poll : polls) {
            for (Ava ava : poll.attributes()) {
                if (ava.id() == NOM_ATTR_NU_VAL_OBS) {
                    nuObsValue(ava.reader(), deviceTime, now, unnamed).ifPresent(observations::add);
                } else if (ava.id() == NOM_ATTR_NU_CMPD_VAL_OBS) {
                    PduReader reader = ava.reader();
                    int count = reader.u16("compound count");
                    PduReader values = reader.lengthPrefixed("compound values");
                    for (int i = 0; i < count; i++) {
                        nuObsValue(values, deviceTime, now, unnamed).ifPresent(observations::add);
                    }
                }
            }
        }
        return new Result(observations, unnamed);
    }

    /**
     * One NuObsValue; the value is dropped (status only) when the state or a FLOAT special says so. A
     * code or unit the nomenclature table does not name gives no observation; its description is added
     * to {@code unnamed}.
     */
    static Optional<Observation> nuObsValue(PduReader reader, Instant now, List<String> unnamed) throws MalformedPdu {
        return nuObsValue(reader, null, now, unnamed);
    }

    static Optional<Observation> nuObsValue(PduReader reader, Instant deviceTime, Instant now, List<String> unnamed)
            throws MalformedPdu {
        reader.require(NU_OBS_VALUE_LENGTH, "NuObsValue");
        int physioId = reader.u16("physio id");
        int state = reader.u16("state");
        int unitCode = reader.u16("unit code");
        FloatType value = FloatType.decode(reader.i32("value"));
        Optional<Metric> named = Codes.metric(physioId);
        Optional<Unit> namedUnit = Codes.unit(unitCode);
        if (named.isEmpty() || namedUnit.isEmpty()) {
            unnamed.add(Codes.describe(physioId, unitCode));
            return Optional.empty();
        }
        Metric metric = named.get();
        Unit unit = namedUnit.get();
        Set<StatusFlag> status = Codes.status(state);
        if (!value.isNumber()) {
            status.add(value.special());
        }
        boolean noValue = status.stream().anyMatch(StatusFlag::meansNoValue);
        return Optional.of(new Observation(metric, unit, noValue ? null : value.value(), status, deviceTime, now));
    }
}
