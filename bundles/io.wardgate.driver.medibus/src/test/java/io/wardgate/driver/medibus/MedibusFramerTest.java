package io.wardgate.driver.medibus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Framing (Protocol Definition rev. 4.03: commands, responses, realtime bytes): splits, damage, recovery. */
class MedibusFramerTest {
    private final List<MedibusMessage> messages = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<Integer> realtime = new ArrayList<>();
    private final MedibusFramer framer = new MedibusFramer();
    private final MedibusFramer.Sink sink = new MedibusFramer.Sink() {
        @Override
        public void message(MedibusMessage message) {
            messages.add(message);
        }

        @Override
        public void corruptCommand(long offset, String reason) {
            errors.add("corrupt command: " + reason);
        }

        @Override
        public void error(long offset, String reason) {
            errors.add(reason);
        }

        @Override
        public void realtime(long offset, int b) {
            realtime.add(b);
        }
    };

    private static final byte[] DATA = MedibusFrames.response(MedibusFrames.MEASURED_CP1, "EB 98 E1 70 ");

    private void feed(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        byte[] bytes = all.toByteArray();
        framer.feed(bytes, 0, bytes.length, sink);
    }

    @Test
    void byteAtATimeWithRealtimeBytesAndHandshakeInterleaved() {
        byte[] nop = MedibusFrames.command(MedibusFrames.NOP, "");
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (byte b : DATA) {
            stream.write(b);
            stream.write(0xD3);
        }
        stream.write(0x11);
        stream.writeBytes(nop);
        stream.write(0x13);
        for (byte b : stream.toByteArray()) {
            framer.feed(new byte[] {b}, 0, 1, sink);
        }
        assertThat(errors).isEmpty();
        assertThat(messages).extracting(MedibusMessage::command, MedibusMessage::code, MedibusMessage::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(false, 0x24, "EB 98 E1 70 "),
                        org.assertj.core.groups.Tuple.tuple(true, 0x30, ""));
        assertThat(realtime).hasSize(DATA.length).containsOnly(0xD3);
    }

    /** A command embedded in a response is framed on its own; the response goes on around it. */
    @Test
    void aCommandInsideAResponse() {
        byte[] nop = MedibusFrames.command(MedibusFrames.NOP, "");
        byte[] withCommand = new byte[DATA.length + nop.length];
        System.arraycopy(DATA, 0, withCommand, 0, 6);
        System.arraycopy(nop, 0, withCommand, 6, nop.length);
        System.arraycopy(DATA, 6, withCommand, 6 + nop.length, DATA.length - 6);
        feed(withCommand);
        assertThat(errors).isEmpty();
        assertThat(messages).extracting(MedibusMessage::code).containsExactly(0x30, 0x24);
        assertThat(messages.get(1).text()).isEqualTo("EB 98 E1 70 ");
    }

    @Test
    void everySingleBitFlipIsCaughtAndTheNextMessageReads() {
        for (int bit = 0; bit < (DATA.length - 1) * 8; bit++) {
            messages.clear();
            errors.clear();
            framer.reset();
            byte[] damaged = DATA.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            feed(damaged, DATA);
            assertThat(messages).as("bit " + bit).isNotEmpty();
            assertThat(messages.get(messages.size() - 1).text()).as("bit " + bit).isEqualTo("EB 98 E1 70 ");
            assertThat(messages.subList(0, messages.size() - 1)).as("bit " + bit).isEmpty();
        }
    }

    @Test
    void aTooLongResponseIsSkippedAndTheNextOneReads() {
        byte[] huge = new byte[5000];
        java.util.Arrays.fill(huge, (byte) 'A');
        huge[0] = 0x01;
        feed(huge, new byte[] {0x0D}, DATA);
        assertThat(errors).first().asString().contains("longer than 3845 bytes");
        assertThat(messages).singleElement().satisfies(m -> assertThat(m.code()).isEqualTo(0x24));
    }

    @Test
    void aCorruptCommandIsReportedForNak() {
        byte[] nop = MedibusFrames.command(MedibusFrames.NOP, "");
        nop[3] = 'C';
        feed(nop);
        assertThat(errors).singleElement().asString().startsWith("corrupt command: checksum \"4C\"");
    }

    @Test
    void strayBytesAndAMissingCrAreReported() {
        byte[] cut = java.util.Arrays.copyOf(DATA, DATA.length - 3);
        feed("xyz".getBytes(java.nio.charset.StandardCharsets.US_ASCII), cut, DATA);
        assertThat(errors).containsExactly("3 bytes outside a message skipped", "message without its CR; skipped");
        assertThat(messages).hasSize(1);
    }
}
