package io.wardgate.driver.intellivue;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.driver.intellivue.Message.Ava;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 22: the IntelliVue's own clock. AbsoluteTime (NOM_ATTR_TIME_ABS 0x0987, Philips Data Export guide,
 * "AbsoluteTime": century, year, month, day, hour, minute, second, sec_fractions, one BCD byte each; all
 * 0xFF when not set) and RelativeTime (NOM_ATTR_TIME_REL 0x098F, u32 in 125 us units, the unit of
 * device-protocols.md line 49). Vectors below are derived from that layout, not captured.
 */
class MonitorClockTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static byte[] hex(String hex) {
        return HexFormat.ofDelimiter(" ").parseHex(hex);
    }

    private static Ava relative(long units) {
        return new Ava(NOM_ATTR_TIME_REL, new byte[] {(byte) (units >>> 24), (byte) (units >>> 16),
            (byte) (units >>> 8), (byte) units});
    }

    @Test
    void anAbsoluteTimeIsEightBcdBytesReadInTheMonitorsZone() {
        assertThat(MonitorClock.absoluteTime(hex("20 24 02 29 23 59 58 75"), UTC))
                .hasValue(Instant.parse("2024-02-29T23:59:58.750Z"));
        assertThat(MonitorClock.absoluteTime(hex("20 24 02 29 23 59 58 75"), ZoneId.of("Europe/Amsterdam")))
                .as("a monitor set to Amsterdam winter time is an hour ahead of UTC")
                .hasValue(Instant.parse("2024-02-29T22:59:58.750Z"));
    }

    @Test
    void anUnsetMalformedOrImpossibleTimeGivesNoDeviceTime() {
        assertThat(MonitorClock.absoluteTime(hex("FF FF FF FF FF FF FF FF"), UTC)).as("clock not set").isEmpty();
        assertThat(MonitorClock.absoluteTime(hex("20 24 0A 01 10 00 00 00"), UTC)).as("0x0A is not BCD").isEmpty();
        assertThat(MonitorClock.absoluteTime(hex("20 24 13 01 10 00 00 00"), UTC)).as("month 13").isEmpty();
        assertThat(MonitorClock.absoluteTime(hex("20 23 02 29 10 00 00 00"), UTC)).as("29 Feb 2023").isEmpty();
        assertThat(MonitorClock.absoluteTime(hex("20 24 02 28 24 00 00 00"), UTC)).as("hour 24").isEmpty();
        assertThat(MonitorClock.absoluteTime(hex("00 00 00 00 00 00 00 00"), UTC)).as("all zero").isEmpty();
        assertThat(MonitorClock.absoluteTime(hex("20 24 02 28 10 00 00"), UTC)).as("7 bytes").isEmpty();
        assertThat(MonitorClock.absoluteTime(hex("20 24 02 28 10 00 00 00 00"), UTC)).as("9 bytes").isEmpty();
        assertThat(MonitorClock.absoluteTime(null, UTC)).isEmpty();
    }

    @Test
    void pollsAreStampedOnTheMdsClockByTheirRelativeTime() {
        MonitorClock clock = new MonitorClock(UTC);
        assertThat(clock.at(1000)).as("before the MDS said what its clock reads").isEmpty();
        clock.learn(List.of(new Ava(NOM_ATTR_TIME_ABS, hex("20 26 03 01 08 00 00 00")), relative(80_000)));
        Instant base = Instant.parse("2026-03-01T08:00:00Z");
        assertThat(clock.at(80_000)).hasValue(base);
        assertThat(clock.at(88_000)).as("8000 units of 125 us: one second later").hasValue(base.plusSeconds(1));
        assertThat(clock.at(87_992)).as("a poll stamped slightly earlier").hasValue(base.plusMillis(999));
    }

    @Test
    void theRelativeTimeWrapsAbout6Point2DaysAndTheCountCarriesAcross() {
        MonitorClock clock = new MonitorClock(UTC);
        clock.learn(List.of(new Ava(NOM_ATTR_TIME_ABS, hex("20 26 03 01 08 00 00 00")), relative(0xFFFF_F000L)));
        Instant base = Instant.parse("2026-03-01T08:00:00Z");
        assertThat(clock.at(0x0000_1000L)).as("0x2000 units after the base, across the wrap")
                .hasValue(base.plusNanos(0x2000L * 125_000));
        long units = 0x0000_1000L;
        for (int i = 0; i < 4; i++) { // four steps of ~2.2 days: two more wraps
            units = (units + 1_500_000_000L) & 0xFFFF_FFFFL;
            clock.at(units);
        }
        assertThat(clock.at(units)).hasValue(base.plusNanos((0x2000L + 4 * 1_500_000_000L) * 125_000));
    }

    @Test
    void anMdsWithoutAWellFormedPairLeavesTheClockAsItWas() {
        MonitorClock clock = new MonitorClock(UTC);
        clock.learn(List.of(new Ava(NOM_ATTR_TIME_ABS, hex("20 26 03 01 08 00 00 00"))));
        assertThat(clock.isKnown()).as("absolute time without a relative one").isFalse();
        clock.learn(List.of(new Ava(NOM_ATTR_TIME_ABS, hex("FF FF FF FF FF FF FF FF")), relative(5)));
        assertThat(clock.isKnown()).as("clock not set").isFalse();
        clock.learn(List.of(new Ava(NOM_ATTR_TIME_ABS, hex("20 26 03 01 08 00 00 00")), relative(0)));
        clock.learn(List.of(new Ava(NOM_ATTR_TIME_ABS, hex("20 26 03 01 08 00 00 00")),
                new Ava(NOM_ATTR_TIME_REL, hex("00 01"))));
        assertThat(clock.at(8000)).as("a short relative time does not replace the base")
                .hasValue(Instant.parse("2026-03-01T08:00:01Z"));
        clock.clear();
        assertThat(clock.at(8000)).as("a new association starts without a clock").isEmpty();
    }
}
