package io.wardgate.driver.datex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The request frames printed in the GE "S/5 Computer Interface Specification" (M1017617, 12th edition,
 * Appendix A, pages; every checksum there re-added by hand and found right), and the derived
 * vector of device-protocols.md ("GE Datex-Ohmeda S/5", line 66), built by the driver's own encoder.
 * The Appendix requests carry DRI level 0 in the header (memset to zero).
 */
class DatexFramesTest {

    @Test
    void appendixA1DisplayedValuesEvery10sAllClasses() {
        byte[] record = DatexRequests.physiological(0, DatexRequests.DISPLAYED, 10, 0x0E);
        assertThat(Hex.string(DatexFrames.frame(record))).isEqualTo(Hex.string(Hex.bytes("""
                7e 31 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                00 00 00 00 00 00 ff 00 00 00 00 00 00 00 00 00
                00 00 00 00 00 00 00 00 00 01 0a 00 0e 00 00 00
                00 00 49 7e""")));
    }

    @Test
    void appendixA2StopDisplayedValues() {
        byte[] record = DatexRequests.physiological(0, DatexRequests.DISPLAYED, 0, 0);
        assertThat(Hex.string(DatexFrames.frame(record))).isEqualTo(Hex.string(Hex.bytes("""
                7e 31 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                00 00 00 00 00 00 ff 00 00 00 00 00 00 00 00 00
                00 00 00 00 00 00 00 00 00 01 00 00 00 00 00 00
                00 00 31 7e""")));
    }

    /** The checksum 0x7D is itself escaped: the Appendix shows it, settling the spec file's "unverified". */
    @Test
    void appendixA3SixtySecondTrendsEscapeTheirChecksum() {
        byte[] record = DatexRequests.physiological(0, DatexRequests.TREND_60S, 60, 0x0E);
        assertThat(DatexFrames.checksum(record, 0, record.length)).isEqualTo(0x7D);
        assertThat(Hex.string(DatexFrames.frame(record))).isEqualTo(Hex.string(Hex.bytes("""
                7e 31 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                00 00 00 00 00 00 ff 00 00 00 00 00 00 00 00 00
                00 00 00 00 00 00 00 00 00 03 3c 00 0e 00 00 00
                00 00 7d 5d 7e""")));
    }

    @Test
    void appendixA4StopSixtySecondTrends() {
        byte[] record = DatexRequests.physiological(0, DatexRequests.TREND_60S, 0, 0);
        assertThat(Hex.string(DatexFrames.frame(record))).endsWith("00 03 00 00 00 00 00 00 00 00 33 7E");
    }

    @Test
    void appendixA5WaveformEcg1() {
        byte[] record = DatexRequests.waveforms(0, DatexRequests.WAVE_START, List.of(1));
        assertThat(Hex.string(DatexFrames.frame(record))).isEqualTo(Hex.string(Hex.bytes("""
                7e 48 00 00 00 00 00 00 00 00 00 00 00 00 00 01
                00 00 00 00 00 00 ff 00 00 00 00 00 00 00 00 00
                00 00 00 00 00 00 00 00 00 00 00 00 00 01 ff 00
                00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                00 00 00 00 00 00 00 00 00 48 7e""")));
    }

    @Test
    void appendixA6StopWaveforms() {
        byte[] record = DatexRequests.waveforms(0, DatexRequests.WAVE_STOP, List.of());
        assertThat(Hex.string(DatexFrames.frame(record))).isEqualTo(Hex.string(Hex.bytes("""
                7e 48 00 00 00 00 00 00 00 00 00 00 00 00 00 01
                00 00 00 00 00 00 ff 00 00 00 00 00 00 00 00 00
                00 00 00 00 00 00 00 00 00 01 00 00 00 ff 00 00
                00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                00 00 00 00 00 00 00 00 00 48 7e""")));
    }

    /**
     * device-protocols.md line 66 (derived): the same request at DRI level 2005 (0x09), checksum 0x49 + 9 =
     * 0x52. As printed it is MISPRINTED: it has one 0x00 too many before the subrecord (53 bytes between
     * the flags where r_len 0x31 = 49 plus the checksum make 50), which the zero-sum checksum cannot show;
     * the header's length check rejects it. Without the extra byte it is what the driver sends.
     */
    @Test
    void specFileDisplayedValuesAtLevel2005() throws Exception {
        String printed = "7E 31 00 00 09 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 FF 00 00 00 00 00 00 00 00 00 "
                + "00 00 00 00 00 00 00 00 00 00 01 0A 00 0E 00 00 00 00 00 52 7E";
        byte[] printedRecord = java.util.Arrays.copyOfRange(Hex.bytes(printed), 1, Hex.bytes(printed).length - 2);
        assertThat(printedRecord).hasSize(50);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DatexRecord.parse(printedRecord))
                .hasMessage("r_len says 49 bytes, the frame holds 50");
        byte[] record = DatexRequests.physiological(0x09, DatexRequests.DISPLAYED, 10, 0x0E);
        assertThat(Hex.string(DatexFrames.frame(record))).isEqualTo(printed.replace(" 00 00 00 01 0A", " 00 00 01 0A"));
        assertThat(DatexRecord.parse(record).level()).isEqualTo(0x09);
    }

    @Test
    void flagAndControlBytesInsideARecordAreEscaped() {
        byte[] record = {0x7E, 0x7D, 0x01};
        assertThat(Hex.string(DatexFrames.frame(record))).isEqualTo("7E 7D 5E 7D 5D 01 FC 7E");
    }

    @Test
    void theFramerReadsBackEveryAppendixFrame() {
        List<byte[]> records = List.of(DatexRequests.physiological(0, 1, 10, 0x0E), DatexRequests.physiological(0, 3, 60, 0x0E),
                DatexRequests.waveforms(0, 0, List.of(1)), DatexRequests.alarms(0x0A, 2));
        for (byte[] record : records) {
            List<byte[]> got = new java.util.ArrayList<>();
            byte[] frame = DatexFrames.frame(record);
            new DatexFramer().feed(frame, 0, frame.length, new DatexFramer.Sink() {
                @Override
                public void record(long offset, byte[] r) {
                    got.add(r);
                }

                @Override
                public void error(long offset, String reason) {
                    throw new AssertionError(reason);
                }
            });
            assertThat(got).singleElement().isEqualTo(record);
        }
    }
}
