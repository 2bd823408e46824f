package io.wardgate.driver.intellivue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The frame decoder against device-protocols.md lines 20-27 ("Frame", "Transparency", "FCS"). */
class FrameDecoderTest {
    private static final byte[] POLL = HostRequests.singlePoll(0, 1, IntelliVueIds.NOM_MOC_VMS_MDS, 0);
    private static final byte[] ESCAPY = Hex.bytes("E1 00 00 02 C0 C1 7D 7D C0 00 FF");

    private final RecordingSink sink = new RecordingSink();

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void decodesTheSpecPollRequestFrame() {
        // device-protocols.md: the 36-byte MDS poll request framed "C0 11 01 00 24 E1 00 ... 00 00 B0 1A C1"
        byte[] framed = Hex.bytes("C0 11 01 00 24 E1 00 00 02 00 01 00 1C 00 00 00 07 00 16 00 21 00 00 00 00 00"
                + " 00 00 00 0C 16 00 08 00 01 00 01 00 21 00 00 B0 1A C1");
        new FrameDecoder(4096).feed(framed, 0, framed.length, sink);
        assertThat(sink.errors).isEmpty();
        assertThat(sink.frames).singleElement().satisfies(frame -> {
            assertThat(frame.offset()).isZero();
            assertThat(frame.userData()).isEqualTo(POLL);
        });
    }

    @Test
    void roundTripsUserDataFullOfBytesThatNeedEscaping() {
        byte[] stream = concat(FrameEncoder.frame(ESCAPY), FrameEncoder.frame(new byte[0]), FrameEncoder.frame(POLL));
        new FrameDecoder(4096).feed(stream, 0, stream.length, sink);
        assertThat(sink.errors).isEmpty();
        assertThat(sink.userDataHex()).containsExactly(Hex.of(ESCAPY), "", Hex.of(POLL));
    }

    @Test
    void sameResultForEverySplitOfTheStream() {
        byte[] first = FrameEncoder.frame(ESCAPY);
        byte[] stream = concat(first, FrameEncoder.frame(POLL), FrameEncoder.frame(ESCAPY));
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            RecordingSink split = new RecordingSink();
            FrameDecoder decoder = new FrameDecoder(4096);
            int position = 0;
            while (position < stream.length) {
                int chunk = trial < 8 ? trial + 1 : 1 + random.nextInt(13); // one at a time, then odd splits
                int count = Math.min(chunk, stream.length - position);
                decoder.feed(stream, position, count, split);
                position += count;
            }
            assertThat(split.errors).isEmpty();
            assertThat(split.userDataHex()).containsExactly(Hex.of(ESCAPY), Hex.of(POLL), Hex.of(ESCAPY));
            assertThat(split.frames).extracting(RecordingSink.Frame::offset)
                    .containsExactly(0L, (long) first.length, (long) first.length + FrameEncoder.frame(POLL).length);
            assertThat(decoder.position()).isEqualTo(stream.length);
        }
    }

    @Test
    void declaredLengthAboveTheLimitIsSkippedAndTheNextFrameDecodes() {
        FrameDecoder decoder = new FrameDecoder(64);
        byte[] big = FrameEncoder.frame(new byte[100]);
        byte[] stream = concat(big, FrameEncoder.frame(POLL));
        decoder.feed(stream, 0, stream.length, sink);
        assertThat(sink.errors).singleElement().satisfies(error -> {
            assertThat(error.offset()).isZero();
            assertThat(error.reason()).contains("declared user data of 100 bytes exceeds the maximum frame of 64");
        });
        assertThat(sink.frames).singleElement().satisfies(frame -> {
            assertThat(frame.userData()).isEqualTo(POLL);
            assertThat(frame.offset()).isEqualTo(big.length);
        });
    }

    @Test
    void aFrameLongerThanItsHeaderSaysIsCutOffAtTheLimit() {
        FrameDecoder decoder = new FrameDecoder(64);
        byte[] liar = new byte[200];
        liar[0] = 0x11;
        liar[1] = 0x01;
        liar[3] = 0x04; // claims 4 bytes of user data, carries 196
        byte[] stream = concat(new byte[] {(byte) 0xC0}, liar, new byte[] {(byte) 0xC1}, FrameEncoder.frame(POLL));
        decoder.feed(stream, 0, stream.length, sink);
        assertThat(sink.errors).singleElement().extracting(RecordingSink.Error::reason).asString()
                .contains("frame longer than 64 bytes").contains("200 bytes skipped");
        assertThat(sink.userDataHex()).containsExactly(Hex.of(POLL));
    }

    @Test
    void unknownProtocolIdOrMessageTypeIsSkipped() {
        byte[] wrongProtocol = FrameEncoder.frameContent(Hex.bytes("12 01 00 00"));
        byte[] wrongType = FrameEncoder.frameContent(Hex.bytes("11 02 00 00"));
        byte[] stream = concat(wrongProtocol, wrongType, FrameEncoder.frame(POLL));
        new FrameDecoder(4096).feed(stream, 0, stream.length, sink);
        assertThat(sink.errors).extracting(RecordingSink.Error::reason)
                .anySatisfy(reason -> assertThat(reason).contains("unknown protocol id 0x12"))
                .anySatisfy(reason -> assertThat(reason).contains("unknown message type 0x02"));
        assertThat(sink.userDataHex()).containsExactly(Hex.of(POLL));
    }

    @Test
    void everySingleBitFlipIsCaughtAndTheNextGoodFrameStillDecodes() {
        byte[] good = FrameEncoder.frame(POLL);
        for (int bit = 8; bit < (good.length - 1) * 8; bit++) { // every bit between the delimiters
            byte[] flipped = good.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            RecordingSink flips = new RecordingSink();
            byte[] stream = concat(flipped, good);
            new FrameDecoder(4096).feed(stream, 0, stream.length, flips);
            assertThat(flips.errors).as("bit %d", bit).isNotEmpty();
            assertThat(flips.frames).as("bit %d", bit).singleElement()
                    .satisfies(frame -> assertThat(frame.userData()).isEqualTo(POLL));
        }
    }

    @Test
    void fcsMismatchIsReportedWithBothValues() {
        byte[] bad = FrameEncoder.frame(POLL);
        bad[bad.length - 2] ^= 0x01; // high FCS byte, sent second: 0x1A -> 0x1B
        new FrameDecoder(4096).feed(bad, 0, bad.length, sink);
        assertThat(sink.frames).isEmpty();
        assertThat(sink.errors).singleElement().extracting(RecordingSink.Error::reason)
                .isEqualTo("FCS mismatch: received 0x1BB0, computed 0x1AB0");
    }

    @Test
    void escapeFollowedByEndAbortsTheFrame() {
        // device-protocols.md: "`7D C1` aborts a frame."
        byte[] good = FrameEncoder.frame(POLL);
        byte[] aborted = Arrays.copyOf(good, 12);
        byte[] stream = concat(aborted, Hex.bytes("7D C1"), good);
        new FrameDecoder(4096).feed(stream, 0, stream.length, sink);
        assertThat(sink.errors).singleElement().satisfies(error -> {
            assertThat(error.offset()).isZero();
            assertThat(error.reason()).startsWith("frame aborted by the sender (7D C1)");
        });
        assertThat(sink.frames).singleElement().satisfies(frame -> {
            assertThat(frame.offset()).isEqualTo(aborted.length + 2);
            assertThat(frame.userData()).isEqualTo(POLL);
        });
    }

    @Test
    void truncatedFramesAreReportedWhenTheNextFrameStarts() {
        byte[] good = FrameEncoder.frame(POLL);
        byte[] stream = concat(Arrays.copyOf(good, 20), Arrays.copyOf(good, 3), good);
        new FrameDecoder(4096).feed(stream, 0, stream.length, sink);
        assertThat(sink.errors).extracting(RecordingSink.Error::offset).containsExactly(0L, 20L);
        assertThat(sink.errors).allSatisfy(error -> assertThat(error.reason()).startsWith("frame truncated"));
        assertThat(sink.frames).singleElement().extracting(RecordingSink.Frame::offset).isEqualTo(23L);
    }

    @Test
    void framesTooShortForHeaderAndFcsAreReported() {
        byte[] stream = concat(Hex.bytes("C0 11 01 00 C1"), FrameEncoder.frame(POLL));
        new FrameDecoder(4096).feed(stream, 0, stream.length, sink);
        assertThat(sink.errors).singleElement().extracting(RecordingSink.Error::reason)
                .isEqualTo("frame too short: 3 bytes");
        assertThat(sink.userDataHex()).containsExactly(Hex.of(POLL));
    }

    @Test
    void lengthFieldMustMatchTheFrame() {
        byte[] content = Hex.bytes("11 01 00 05 AA BB"); // says 5, carries 2
        byte[] stream = concat(FrameEncoder.frameContent(content), FrameEncoder.frame(POLL));
        new FrameDecoder(4096).feed(stream, 0, stream.length, sink);
        assertThat(sink.errors).singleElement().extracting(RecordingSink.Error::reason)
                .isEqualTo("header says 5 bytes of user data, frame carries 2");
        assertThat(sink.userDataHex()).containsExactly(Hex.of(POLL));
    }

    @Test
    void randomGarbageThenRecovery() {
        SplittableRandom random = new SplittableRandom(42);
        byte[] good = FrameEncoder.frame(POLL);
        for (int trial = 0; trial < 100; trial++) {
            byte[] garbage = new byte[random.nextInt(1, 3000)];
            random.nextBytes(garbage);
            RecordingSink trialSink = new RecordingSink();
            FrameDecoder decoder = new FrameDecoder(256);
            byte[] stream = concat(garbage, good);
            decoder.feed(stream, 0, stream.length, trialSink);
            assertThat(trialSink.frames).isNotEmpty();
            RecordingSink.Frame last = trialSink.frames.get(trialSink.frames.size() - 1);
            assertThat(last.userData()).isEqualTo(POLL);
            assertThat(last.offset()).isEqualTo(garbage.length);
            assertThat(trialSink.frames).allSatisfy(frame -> assertThat(frame.userData().length).isLessThanOrEqualTo(250));
        }
    }

    @Test
    void garbageOutsideFramesIsReportedOncePerRunWithItsOffset() {
        byte[] stream = concat(Hex.bytes("00 01 02"), FrameEncoder.frame(POLL), Hex.bytes("C1 FF"), FrameEncoder.frame(POLL));
        new FrameDecoder(4096).feed(stream, 0, stream.length, sink);
        assertThat(sink.errors).extracting(RecordingSink.Error::offset, RecordingSink.Error::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0L, "3 bytes outside a frame skipped"),
                org.assertj.core.groups.Tuple.tuple(3L + 44, "2 bytes outside a frame skipped"));
        assertThat(sink.frames).hasSize(2);
    }

    @Test
    void aBabblingLineIsReportedPeriodicallyNotOnceAtTheEnd() {
        byte[] noise = new byte[3 * FrameDecoder.JUNK_REPORT_INTERVAL];
        Arrays.fill(noise, (byte) 0x55);
        new FrameDecoder(4096).feed(noise, 0, noise.length, sink);
        assertThat(sink.errors).hasSize(3).allSatisfy(error -> assertThat(error.reason()).startsWith("65536 bytes"));
    }

    @Test
    void rejectsImpossibleLimitsAndBadSlices() {
        assertThatThrownBy(() -> new FrameDecoder(6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FrameDecoder(70_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FrameDecoder(64).feed(new byte[4], 2, 3, sink))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
