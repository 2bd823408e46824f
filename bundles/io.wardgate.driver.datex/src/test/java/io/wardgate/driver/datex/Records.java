package io.wardgate.driver.datex;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;

/**
 * Records laid out by hand from the DRI specification, for tests: a header with subrecord descriptors
 * and a basic-class physiological subrecord whose groups are set field by field.
 */
final class Records {
    static final Instant T = Instant.parse("2026-03-04T05:06:07Z");

    private Records() {
    }

    /** A record of one main type holding the given subrecords (type, bytes), level 2009, time T. */
    static byte[] record(int mainType, int[] types, byte[]... subrecords) {
        int length = DatexRecord.HEADER;
        for (byte[] s : subrecords) {
            length += s.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        out.putShort(0, (short) length).put(3, (byte) 0x0A).putInt(6, (int) T.getEpochSecond()).putShort(14, (short) mainType);
        int offset = 0;
        for (int i = 0; i < 8; i++) {
            if (i == subrecords.length) {
                out.put(18 + 3 * i, (byte) 0xFF);
                break;
            }
            out.putShort(16 + 3 * i, (short) offset).put(18 + 3 * i, (byte) types[i]);
            out.put(DatexRecord.HEADER + offset, subrecords[i]);
            offset += subrecords[i].length;
        }
        return out.array();
    }

    /** A physiological record with one displayed-values subrecord. */
    static byte[] displayed(Basic basic) {
        return record(DatexRecord.MAIN_PHDB, new int[] {1}, basic.bytes());
    }

    /** A 278-byte basic-class subrecord; every group absent until set. */
    static final class Basic {
        private final ByteBuffer data = ByteBuffer.allocate(278).order(ByteOrder.LITTLE_ENDIAN);

        Basic() {
            data.putInt(0, (int) T.getEpochSecond());
        }

        /** Marks the group at {@code group} (offset in the class union) as existing, with a label. */
        Basic group(int group, int label) {
            data.putInt(4 + group, 0x3);
            data.putShort(4 + group + 4, (short) label);
            return this;
        }

        /** Sets the i16 at {@code offset} inside the class union (the spec file's "@offset"). */
        Basic at(int offset, int value) {
            data.putShort(4 + offset, (short) value);
            return this;
        }

        Basic cls(int cls) {
            data.putShort(276, (short) (cls << 8));
            return this;
        }

        byte[] bytes() {
            return data.array().clone();
        }
    }

    /** A complete basic class of a resting adult: HR 72, ART 120/80/93, NIBP 118/76/90, T1 36.9, SpO2 97.5, PR 71, EtCO2 5.00 % at 760.0 mmHg, FiCO2 0.20 %, RR 14. */
    static Basic adult() {
        return new Basic().group(0, 0x0200).at(6, 72)
                .group(16, 1).at(22, 12_000).at(24, 8_000).at(26, 9_300)
                .group(72, 0).at(78, 11_800).at(80, 7_600).at(82, 9_000)
                .group(86, 11).at(92, 3_690)
                .group(118, 0).at(124, 9_750).at(126, 71)
                .group(132, 0x09).at(138, 500).at(140, 20).at(142, 14).at(144, 7_600);
    }
}
