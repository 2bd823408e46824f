package io.wardgate.driver.intellivue;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wardgate.api.driver.Decoded;
import io.wardgate.driver.intellivue.sim.MonitorPdus;
import io.wardgate.sim.RecordingOutput;
import java.time.Instant;
import java.util.List;

/**
 * Arbitrary bytes into whole sessions: once as they come off the line (any bytes, any state), and once
 * framed as a PDU arriving in each state of a scripted association, so the message decoders see them past the
 * FCS. Invariants: nothing thrown, no internal error, output bounded. Corpus under
 * src/test/resources/io/wardgate/driver/intellivue/IntelliVueSessionFuzzTestInputs/fuzz.
 */
class IntelliVueSessionFuzzTest {
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    @FuzzTest(maxDuration = "60s")
    void fuzz(byte[] data) {
        RecordingOutput raw = new RecordingOutput();
        IntelliVueSession session = new IntelliVueSession();
        session.start(T0, raw);
        Instant now = T0;
        int chunk = data.length == 0 ? 1 : 1 + (data[data.length - 1] & 0x3F);
        for (int offset = 0; offset < data.length; offset += chunk) {
            now = now.plusMillis(150);
            session.receive(data, offset, Math.min(chunk, data.length - offset), now, raw);
            session.tick(now, raw);
        }
        check(raw, data.length);

        byte[] framed = FrameEncoder.frame(data.length > FrameEncoder.MAX_USER_DATA ? new byte[0] : data);
        for (int stage = 0; stage < SCRIPT.size() + 1; stage++) {
            RecordingOutput scripted = new RecordingOutput();
            IntelliVueSession associated = new IntelliVueSession();
            associated.start(T0, scripted);
            for (int step = 0; step < stage; step++) {
                feed(associated, SCRIPT.get(step), T0, scripted);
            }
            assertThat(associated.state()).isEqualTo(STATES.get(stage));
            feed(associated, framed, T0, scripted);
            associated.tick(T0.plusMillis(100), scripted);
            check(scripted, framed.length + 1024);
        }
    }

    /** Monitor frames that take a fresh session through the dialogue, and the state after each. */
    private static final List<byte[]> SCRIPT = List.of(
            FrameEncoder.frame(MonitorPdus.associationResult(1000)),
            FrameEncoder.frame(MonitorPdus.mdsCreate(1, 0, list -> { })),
            FrameEncoder.frame(MonitorPdus.extendedPollReply(1, false, NOM_MOC_VMS_MDS, 0, p -> { })));
    private static final List<IntelliVueSession.State> STATES = List.of(IntelliVueSession.State.ASSOCIATING,
            IntelliVueSession.State.AWAIT_MDS_CREATE, IntelliVueSession.State.AWAIT_MDS_ATTRIBUTES,
            IntelliVueSession.State.POLLING);

    private static void feed(IntelliVueSession session, byte[] bytes, Instant now, RecordingOutput out) {
        session.receive(bytes, 0, bytes.length, now, out);
    }

    private static void check(RecordingOutput out, int inputBytes) {
        assertThat(out.items()).noneSatisfy(item -> assertThat(item).isInstanceOfSatisfying(Decoded.FramingError.class,
                error -> assertThat(error.reason()).startsWith("internal error")));
        // bounded: a reading needs at least 4 input bytes, anything else one report per input byte
        assertThat(out.items().size()).isLessThanOrEqualTo(inputBytes + 16);
        assertThat(out.sent().size()).isLessThanOrEqualTo(OutboundQueue.CAPACITY + inputBytes);
    }
}
