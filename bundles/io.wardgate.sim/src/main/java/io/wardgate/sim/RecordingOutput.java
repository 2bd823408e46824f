package io.wardgate.sim;

import io.wardgate.api.Observation;
import io.wardgate.api.VitalSign;
import io.wardgate.api.WaveformSegment;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.SessionOutput;
import java.util.ArrayList;
import java.util.List;

/** A session output that keeps everything a session decoded and sent, in order, for assertions in tests. */
public final class RecordingOutput implements SessionOutput {
    private final List<Decoded> items = new ArrayList<>();
    private final List<byte[]> sent = new ArrayList<>();

    @Override
    public void decoded(Decoded item) {
        items.add(item);
    }

    @Override
    public void send(byte[] bytes) {
        sent.add(bytes.clone());
    }

    /** Everything decoded so far (a live view: later items show up in it). */
    public List<Decoded> items() {
        return items;
    }

    /** Every send, each a copy (a live view). */
    public List<byte[]> sent() {
        return sent;
    }

    public List<Decoded.ReadingDecoded> readings() {
        return only(Decoded.ReadingDecoded.class);
    }

    public List<Observation> observations() {
        return readings().stream().map(Decoded.ReadingDecoded::reading).filter(Observation.class::isInstance)
                .map(Observation.class::cast).toList();
    }

    public List<Observation> observations(VitalSign sign) {
        return observations().stream().filter(o -> o.metric().equals(sign.metric())).toList();
    }

    /** The first observation of the metric with this reference id, e.g. "MDC_PULS_OXIM_SAT_O2". */
    public Observation observation(String referenceId) {
        return observations().stream().filter(o -> o.metric().referenceId().equals(referenceId)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + referenceId + " in " + items));
    }

    public List<WaveformSegment> waves() {
        return readings().stream().map(Decoded.ReadingDecoded::reading).filter(WaveformSegment.class::isInstance)
                .map(WaveformSegment.class::cast).toList();
    }

    public List<Decoded.IdentityDecoded> identities() {
        return only(Decoded.IdentityDecoded.class);
    }

    public List<Decoded.EventDecoded> events() {
        return only(Decoded.EventDecoded.class);
    }

    /** The typed alarm changes, in order. */
    public List<io.wardgate.api.Alarm> alarms() {
        return only(Decoded.AlarmDecoded.class).stream().map(Decoded.AlarmDecoded::alarm).toList();
    }

    public List<Decoded.FramingError> errors() {
        return only(Decoded.FramingError.class);
    }

    public void clear() {
        items.clear();
        sent.clear();
    }

    private <T extends Decoded> List<T> only(Class<T> type) {
        return items.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
