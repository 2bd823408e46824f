package io.wardgate.seal.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The direct writer gives, byte for byte, the library's deterministic encoding (RFC 8949 section 4.2.1), and
 * refuses what the library refuses; and it does so without the library's object tree (issue 25: the sealer's
 * CPU and garbage at 30,000 readings/s).
 */
class CborWriterTest {

    @Test
    void randomValuesEncodeAsTheLibraryEncodesThem() {
        SplittableRandom random = new SplittableRandom(25);
        for (int i = 0; i < 20_000; i++) {
            Object value = value(random, 0);
            assertThat(Cbor.encode(value)).as("value %s", value).isEqualTo(LibraryCbor.encode(value));
        }
    }

    @Test
    void integersAtEveryArgumentBoundary() {
        long[] edges = {0, 1, 23, 24, 255, 256, 65_535, 65_536, 0xffff_ffffL, 0x1_0000_0000L, Long.MAX_VALUE};
        for (long edge : edges) {
            for (long v : new long[] {edge, -edge, -edge - 1, edge + 1, edge - 1}) {
                assertThat(Cbor.encode(v)).as("%d", v).isEqualTo(LibraryCbor.encode(v));
                assertThat(Cbor.encode(new Cbor.Tagged(Math.abs(v == Long.MIN_VALUE ? 0 : v), v)))
                        .isEqualTo(LibraryCbor.encode(new Cbor.Tagged(Math.abs(v == Long.MIN_VALUE ? 0 : v), v)));
            }
        }
        assertThat(Cbor.encode(Long.MIN_VALUE)).isEqualTo(LibraryCbor.encode(Long.MIN_VALUE));
        assertThat(Cbor.encode(Integer.MIN_VALUE)).isEqualTo(LibraryCbor.encode(Integer.MIN_VALUE));
    }

    @Test
    void theWholeSealedPayloadOfTheTestReadingsIsTheSame() {
        Batch batch = new Batch(TestReadings.MONITOR, TestReadings.BED_12, "icu", TestReadings.everything());
        byte[] direct = PayloadCodec.encode(batch);
        assertThat(LibraryCbor.encode(decoded(direct))).isEqualTo(direct);
    }

    @Test
    void refusesWhatTheLibraryRefuses() {
        List<Object> refused = new ArrayList<>();
        refused.add("a\uD800b");
        refused.add("\uDC00");
        refused.add("x\uD800");
        refused.add(new Cbor.Tagged(-1, 1L));
        refused.add(nested(Cbor.MAX_DEPTH + 1));
        refused.add(Map.of(1L, 1L, 1, 2L)); // two keys with one encoding
        refused.add(List.of(1.5));
        for (Object value : refused) {
            assertThatThrownBy(() -> LibraryCbor.encode(value)).as("library, %s", value)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Cbor.encode(value)).as("writer, %s", value)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        Object deepest = nested(Cbor.MAX_DEPTH);
        assertThat(Cbor.encode(deepest)).isEqualTo(LibraryCbor.encode(deepest));
        assertThat(Cbor.encode("\uD83D\uDE00")).isEqualTo(LibraryCbor.encode("\uD83D\uDE00"));
    }

    /** Bytes allocated by this thread, counted by the JVM (not a time), per payload of 100 readings. */
    @Test
    void aPayloadIsEncodedWithoutTheLibrarysObjectTree() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).as("the JVM counts allocated bytes").isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        List<io.wardgate.api.Reading> readings = new ArrayList<>();
        while (readings.size() < 99) {
            readings.addAll(TestReadings.everyVitalSign());
        }
        readings = new ArrayList<>(readings.subList(0, 99));
        readings.add(TestReadings.ecg(64));
        Batch batch = new Batch(TestReadings.MONITOR, TestReadings.BED_12, "icu", readings);
        int rounds = 2_000;
        for (int i = 0; i < rounds; i++) {
            PayloadCodec.encode(batch);
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        long size = 0;
        for (int i = 0; i < rounds; i++) {
            size += PayloadCodec.encode(batch).length;
        }
        long perPayload = (threads.getThreadAllocatedBytes(thread) - before) / rounds;

        assertThat(size / rounds).isGreaterThan(1_000);
        // JDK 17: 273,856 bytes through the library's objects, 102,344 written directly (most of the rest is the
        // payload's own lists of values)
        assertThat(perPayload).as("bytes allocated per payload of 100 readings: %d", perPayload)
                .isLessThan(150_000);
    }

    private static Object decoded(byte[] bytes) {
        try {
            return Cbor.decodeDeterministic(bytes);
        } catch (Cbor.MalformedException e) {
            throw new AssertionError(e);
        }
    }

    private static Object nested(int depth) {
        Object value = 1L;
        for (int i = 0; i < depth; i++) {
            value = List.of(value);
        }
        return value;
    }

    private static Object value(SplittableRandom random, int depth) {
        int kind = random.nextInt(depth >= 4 ? 6 : 9);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> integer(random);
            case 3 -> (int) integer(random);
            case 4 -> text(random);
            case 5 -> {
                byte[] bytes = new byte[random.nextInt(random.nextInt(8) == 0 ? 300 : 30)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 6 -> new Cbor.Tagged(Math.abs(integer(random)) & Long.MAX_VALUE, value(random, depth + 1));
            case 7 -> {
                List<Object> list = new ArrayList<>();
                int n = random.nextInt(random.nextInt(10) == 0 ? 40 : 6);
                for (int i = 0; i < n; i++) {
                    list.add(value(random, depth + 1));
                }
                yield random.nextBoolean() ? list : Arrays.asList(list.toArray());
            }
            default -> {
                Map<Object, Object> map = random.nextBoolean() ? new LinkedHashMap<>() : new HashMap<>();
                int n = random.nextInt(8);
                for (int i = 0; i < n; i++) {
                    Object key = random.nextBoolean() ? (Object) integer(random) : text(random);
                    map.put(key, value(random, depth + 1));
                }
                yield map;
            }
        };
    }

    private static long integer(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextInt(30) - 10;
            case 1 -> random.nextInt(70_000) - 35_000;
            case 2 -> random.nextLong(1L << 33) - (1L << 32);
            case 3 -> random.nextLong();
            default -> random.nextBoolean() ? Long.MAX_VALUE - random.nextInt(3) : Long.MIN_VALUE + random.nextInt(3);
        };
    }

    private static String text(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int n = random.nextInt(random.nextInt(8) == 0 ? 100 : 12);
        for (int i = 0; i < n; i++) {
            int pick = random.nextInt(10);
            if (pick < 6) {
                text.append((char) ('a' + random.nextInt(26)));
            } else if (pick < 8) {
                text.append((char) (0x80 + random.nextInt(0x700)));
            } else if (pick < 9) {
                text.append((char) (0x800 + random.nextInt(0xd000)));
            } else {
                text.appendCodePoint(0x10000 + random.nextInt(0xfffff));
            }
        }
        return text.toString();
    }
}
