package io.wardgate.driver.medibus;

import io.wardgate.api.Decimal;
import io.wardgate.api.Metric;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Unit;
import io.wardgate.api.WaveScale;
import io.wardgate.api.WaveformSegment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The MEDIBUS realtime extension (Protocol Definition rev. 4.03, "Realtime-Data Records"), for up to four
 * curves: the configuration answer (per curve: code, sample interval in microseconds, MIN, MAX, MAXBIN),
 * the "enable" sync command the host sends, and the records: a sync byte {@code 1101xxxx} whose bits say
 * which curves follow, optional sync commands {@code 1100xxxx} in pairs, then per curve a 12-bit value as
 * two bytes {@code 10DDDDDD} (bits 0-5, then 6-11). v = MIN + x * (MAX - MIN) / MAXBIN.
 *
 * <p>Realtime bytes carry no checksum at all. A record must hold exactly the values its sync byte
 * announces; one that does not is dropped and reported, and the samples gathered in the same second
 * carry QUESTIONABLE.
 */
final class Realtime {
    static final int CONFIG_ITEM = 23;
    static final int MAX_CURVES = 4;
    /** Samples kept per curve before a segment is cut (a segment is also cut every second). */
    static final int SEGMENT = 256;

    /** One curve the device offers. */
    record Channel(int code, long intervalMicros, Decimal min, Decimal max, int maxBin) {
        Metric metric() {
            return MedibusCodes.term(MedibusCodes.REALTIME, code).metric();
        }

        Unit unit() {
            return MedibusCodes.term(MedibusCodes.REALTIME, code).unit();
        }
    }

    private List<Channel> curves = List.of();
    private final List<List<Integer>> samples = new ArrayList<>();
    private int[] expected = new int[0];
    private int next;
    private int low = -1;
    private boolean inRecord;
    private boolean valueSeen;
    private boolean damaged;

    /** The configuration answer; items that cannot be read are skipped and named in {@code problems}. */
    static List<Channel> channels(String text, List<String> problems) {
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i + CONFIG_ITEM <= text.length(); i += CONFIG_ITEM) {
            String item = text.substring(i, i + CONFIG_ITEM);
            try {
                int code = HexFormat.fromHexDigits(item, 0, 2);
                long interval = Long.parseLong(item.substring(2, 10).trim());
                Optional<Decimal> min = MedibusData.number(item.substring(10, 15).replaceAll("-\\s+", "-"));
                Optional<Decimal> max = MedibusData.number(item.substring(15, 20));
                int maxBin = HexFormat.fromHexDigits(item, 20, 23);
                if (min.isEmpty() || max.isEmpty() || maxBin <= 0 || interval <= 0 || interval > 60_000_000) {
                    throw new IllegalArgumentException("out of range");
                }
                channels.add(new Channel(code, interval, min.get(), max.get(), maxBin));
            } catch (IllegalArgumentException e) {
                problems.add("realtime configuration item " + i / CONFIG_ITEM + " cannot be read");
            }
        }
        return channels;
    }

    /** The curves to receive from now on (at most four, each at every sample). */
    void configure(List<Channel> chosen) {
        curves = List.copyOf(chosen.subList(0, Math.min(MAX_CURVES, chosen.size())));
        samples.clear();
        curves.forEach(c -> samples.add(new ArrayList<>()));
        inRecord = false;
    }

    List<Channel> curves() {
        return curves;
    }

    /** The argument of "Configure Realtime Transmission": code and multiplier 01 per curve. */
    String configureArgument() {
        StringBuilder out = new StringBuilder();
        curves.forEach(c -> out.append(String.format(Locale.ROOT, "%02X01", c.code())));
        return out.toString();
    }

    /** Sync byte "no data", "enable curves 1-4", end of the sync-command sequence. */
    byte[] enableCommand() {
        int mask = (1 << curves.size()) - 1;
        return new byte[] {(byte) 0xD0, (byte) 0xC1, (byte) (0xC0 | mask), (byte) 0xC0, (byte) 0xC0};
    }

    void accept(int b, Consumer<String> problems) {
        if ((b & 0xF0) == 0xD0) {
            endRecord(problems);
            startRecord(b & 0x0F, problems);
        } else if ((b & 0xF0) == 0xC0) {
            if (inRecord && valueSeen) {
                damage(problems, "sync command after a value");
            }
        } else if (!inRecord) {
            damage(problems, "realtime value without a sync byte");
        } else if (low < 0) {
            low = b & 0x3F;
            valueSeen = true;
        } else {
            int value = low | (b & 0x3F) << 6;
            low = -1;
            if (next >= expected.length) {
                damage(problems, "more realtime values than the sync byte announced");
                return;
            }
            int curve = expected[next++];
            if (curve < curves.size()) {
                samples.get(curve).add(value);
            }
        }
    }

    /** The samples gathered so far as segments, timed back from {@code now}; empties the buffers. */
    List<WaveformSegment> flush(Instant now) {
        List<WaveformSegment> out = new ArrayList<>();
        Quality flags = damaged ? Quality.QUESTIONABLE : Quality.NONE;
        for (int i = 0; i < curves.size(); i++) {
            List<Integer> list = samples.get(i);
            if (list.isEmpty()) {
                continue;
            }
            Channel c = curves.get(i);
            Duration period = Duration.ofNanos(c.intervalMicros() * 1000);
            int[] values = list.stream().mapToInt(Integer::intValue).toArray();
            out.add(new WaveformSegment(c.metric(), c.unit(), period, now.minus(period.multipliedBy(values.length - 1)),
                    values, new WaveScale(0, c.maxBin(), c.min(), c.max()), flags.flags(), now));
            list.clear();
        }
        damaged = false;
        return out;
    }

    boolean full() {
        return samples.stream().anyMatch(l -> l.size() >= SEGMENT);
    }

    private enum Quality {
        NONE,
        QUESTIONABLE;

        Set<StatusFlag> flags() {
            return this == NONE ? EnumSet.noneOf(StatusFlag.class) : EnumSet.of(StatusFlag.QUESTIONABLE);
        }
    }

    private void startRecord(int bits, Consumer<String> problems) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < MAX_CURVES; i++) {
            if ((bits & (1 << i)) != 0) {
                order.add(i);
            }
        }
        expected = order.stream().mapToInt(Integer::intValue).toArray();
        next = 0;
        low = -1;
        inRecord = true;
        valueSeen = false;
    }

    private void endRecord(Consumer<String> problems) {
        if (inRecord && (next != expected.length || low >= 0)) {
            damage(problems, "realtime record with " + next + " of " + expected.length + " values");
        }
        inRecord = false;
    }

    private void damage(Consumer<String> problems, String reason) {
        damaged = true;
        inRecord = false;
        problems.accept(reason);
    }
}
