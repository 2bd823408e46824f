package io.wardgate.driver.nonin;

import io.wardgate.api.Observation;
import io.wardgate.api.VitalSign;
import io.wardgate.api.WaveformSegment;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.SessionOutput;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Collects what a session decoded and sent. */
final class Recorder implements SessionOutput {
    final List<Decoded> decoded = new ArrayList<>();
    final List<byte[]> sent = new ArrayList<>();

    @Override
    public void decoded(Decoded item) {
        decoded.add(item);
    }

    @Override
    public void send(byte[] bytes) {
        sent.add(bytes.clone());
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    List<Decoded.FramingError> errors() {
        return decoded.stream().filter(Decoded.FramingError.class::isInstance).map(Decoded.FramingError.class::cast)
                .toList();
    }

    List<Decoded.EventDecoded> events() {
        return decoded.stream().filter(Decoded.EventDecoded.class::isInstance).map(Decoded.EventDecoded.class::cast)
                .toList();
    }

    List<Decoded.ReadingDecoded> readings() {
        return decoded.stream().filter(Decoded.ReadingDecoded.class::isInstance)
                .map(Decoded.ReadingDecoded.class::cast).toList();
    }

    List<Observation> observations(VitalSign sign) {
        return readings().stream().map(Decoded.ReadingDecoded::reading).filter(Observation.class::isInstance)
                .map(Observation.class::cast).filter(o -> o.metric().equals(sign.metric())).toList();
    }

    List<WaveformSegment> waves() {
        return readings().stream().map(Decoded.ReadingDecoded::reading).filter(WaveformSegment.class::isInstance)
                .map(WaveformSegment.class::cast).toList();
    }

    /** The decoded items without their reading times, for comparing runs fed differently. */
    List<String> summary() {
        return decoded.stream().map(d -> d instanceof Decoded.ReadingDecoded r
                ? d.offset() + " " + (r.reading() instanceof Observation o
                        ? o.metric().referenceId() + "=" + o.value() + o.status()
                        : r.reading().toString().replaceAll(" from .*,", ","))
                : d.toString()).toList();
    }
}
