package io.wardgate.driver.datex;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Observation;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Issue 22: the Datex-Ohmeda monitor's own clock. The record header's r_time (u32 little-endian at byte 6,
 * unix seconds; device-protocols.md line 60-61) and each physiological subrecord's 4-byte time (line 67)
 * become the readings' and alarms' device time, which the policy compares with the gateway's clock
 * (DEVICE_CLOCK_OFF when off). 0 means "no time", never 1970.
 */
class DatexClockTest {
    /** Derived from the header layout: r_len 40, level 2009 (0x0A), r_time 2026-03-04T05:06:07Z, alarm, no subrecords. */
    private static final String HEADER = "28 00 00 0A 00 00 BF BD A7 69 00 00 00 00 04 00"
            + " 00 00 FF 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00";

    private static byte[] hex(String hex) {
        return HexFormat.ofDelimiter(" ").parseHex(hex);
    }

    @Test
    void theHeadersTimeIsTheMonitorsClockInUnixSeconds() throws Exception {
        assertThat(DatexRecord.parse(hex(HEADER)).time()).isEqualTo(Instant.parse("2026-03-04T05:06:07Z"));
        byte[] unset = hex(HEADER);
        unset[6] = unset[7] = unset[8] = unset[9] = 0;
        assertThat(DatexRecord.parse(unset).time()).as("0: the monitor sent no time").isNull();
        byte[] far = hex(HEADER);
        far[6] = far[7] = far[8] = far[9] = (byte) 0xFF;
        assertThat(DatexRecord.parse(far).time()).as("u32, not a negative i32")
                .isEqualTo(Instant.ofEpochSecond(0xFFFF_FFFFL));
    }

    @Test
    void aSubrecordWithoutATimeTakesTheHeadersAndOneWithATimeKeepsItsOwn() {
        Instant header = Instant.parse("2026-03-04T05:06:09Z");
        Instant received = Instant.parse("2026-03-04T05:16:00Z");
        ByteBuffer own = ByteBuffer.wrap(Records.adult().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(PhysiologicalDecoder.decode(own, header, received).observations()).isNotEmpty()
                .allSatisfy(o -> assertThat(o.deviceTime()).isEqualTo(Records.T));
        byte[] bytes = Records.adult().bytes();
        bytes[0] = bytes[1] = bytes[2] = bytes[3] = 0;
        ByteBuffer none = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(PhysiologicalDecoder.decode(none, header, received).observations()).isNotEmpty()
                .allSatisfy(o -> assertThat(o.deviceTime()).isEqualTo(header));
        assertThat(PhysiologicalDecoder.decode(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), null, received)
                .observations()).isNotEmpty().extracting(Observation::deviceTime).containsOnlyNulls();
    }
}
