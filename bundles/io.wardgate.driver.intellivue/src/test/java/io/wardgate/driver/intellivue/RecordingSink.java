package io.wardgate.driver.intellivue;

import java.util.ArrayList;
import java.util.List;

/** Collects what a {@link FrameDecoder} found, in order. */
final class RecordingSink implements FrameSink {
    record Frame(long offset, byte[] userData) {
    }

    record Error(long offset, String reason) {
    }

    final List<Object> events = new ArrayList<>();
    final List<Frame> frames = new ArrayList<>();
    final List<Error> errors = new ArrayList<>();

    @Override
    public void frame(long offset, byte[] userData) {
        Frame frame = new Frame(offset, userData);
        frames.add(frame);
        events.add(frame);
    }

    @Override
    public void error(long offset, String reason) {
        Error error = new Error(offset, reason);
        errors.add(error);
        events.add(error);
    }

    List<String> userDataHex() {
        return frames.stream().map(f -> Hex.of(f.userData())).toList();
    }
}
