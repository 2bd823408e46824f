package io.wardgate.driver.datex;

import io.wardgate.api.Observation;
import io.wardgate.api.WaveformSegment;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.SessionOutput;
import java.util.ArrayList;
import java.util.List;

/** A session output that keeps everything, for assertions. */
final class Recording implements SessionOutput {
    final List<Decoded> items = new ArrayList<>();
    final List<byte[]> sent = new ArrayList<>();

    @Override
    public void decoded(Decoded item) {
        items.add(item);
    }

    @Override
    public void send(byte[] bytes) {
        sent.add(bytes.clone());
    }

    List<Observation> observations() {
        return items.stream().filter(i -> i instanceof Decoded.ReadingDecoded r && r.reading() instanceof Observation)
                .map(i -> (Observation) ((Decoded.ReadingDecoded) i).reading()).toList();
    }

    List<WaveformSegment> segments() {
        return items.stream().filter(i -> i instanceof Decoded.ReadingDecoded r && r.reading() instanceof WaveformSegment)
                .map(i -> (WaveformSegment) ((Decoded.ReadingDecoded) i).reading()).toList();
    }

    Observation observation(String referenceId) {
        return observations().stream().filter(o -> o.metric().referenceId().equals(referenceId)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + referenceId + " in " + items));
    }

    List<Decoded.EventDecoded> events() {
        return items.stream().filter(Decoded.EventDecoded.class::isInstance).map(Decoded.EventDecoded.class::cast)
                .toList();
    }

    List<Decoded.FramingError> errors() {
        return items.stream().filter(Decoded.FramingError.class::isInstance).map(Decoded.FramingError.class::cast)
                .toList();
    }

    void clear() {
        items.clear();
        sent.clear();
    }
}
