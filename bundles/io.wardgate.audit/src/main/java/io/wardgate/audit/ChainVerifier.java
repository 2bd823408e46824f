package io.wardgate.audit;

import io.wardgate.audit.api.AuditRecord;
import io.wardgate.audit.api.Verification;
import io.wardgate.audit.api.Verification.BrokenLink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a directory of segments: each record's hash, each link to the previous record, the
 * sequence, each segment's anchor against the last record of the segment before, and, when older
 * segments were dropped by the size bound, that a retained AUDIT_SEGMENT_DROPPED record names the
 * anchor the retained chain starts from. Stops at the first broken link.
 */
final class ChainVerifier {
    static final String DROPPED = "AUDIT_SEGMENT_DROPPED";

    private final Path directory;
    private final List<String> notes = new ArrayList<>();
    /** Dropped segment number to the anchor of the segment after it, from AUDIT_SEGMENT_DROPPED records. */
    private final Map<Long, String> dropAnchors = new HashMap<>();
    private String previousHash;
    private long expectedSequence = -1;
    private long records;

    private ChainVerifier(Path directory) {
        this.directory = directory;
    }

    static Verification verify(Path directory) throws IOException {
        return new ChainVerifier(directory).run();
    }

    private Verification run() throws IOException {
        TreeMap<Long, Long> segments = Segments.list(directory);
        for (String torn : Segments.quarantined(directory)) {
            notes.add("quarantined incomplete write: " + torn + " (recorded as AUDIT_TORN_WRITE)");
        }
        if (segments.isEmpty()) {
            return result(new BrokenLink(0, -1, "no segment files in " + directory), 0, 0, "");
        }
        long first = segments.firstKey();
        long last = segments.lastKey();
        String firstAnchor = "";
        BrokenLink broken = null;
        long expectedNumber = first;
        for (long number : segments.keySet()) {
            if (number != expectedNumber) {
                broken = new BrokenLink(number, -1, "segment " + expectedNumber + " is missing");
                break;
            }
            expectedNumber++;
            SegmentCheck check = checkSegment(number);
            if (number == first) {
                firstAnchor = check.anchor;
            }
            if (check.broken != null) {
                broken = check.broken;
                break;
            }
        }
        if (first > 1) {
            String recorded = dropAnchors.get(first - 1);
            if (recorded == null && broken == null) {
                broken = new BrokenLink(first, -1, "segments before " + first + " are missing and no " + DROPPED
                        + " record accounts for segment " + (first - 1));
            } else if (recorded != null && !Hashes.same(recorded, firstAnchor)) {
                broken = new BrokenLink(first, -1, "anchor differs from the one recorded when segment " + (first - 1)
                        + " was dropped");
            } else if (recorded != null) {
                notes.add("segments 1.." + (first - 1) + " were dropped by the size bound (recorded by " + DROPPED
                        + "); the retained chain verifies from the anchor of segment " + first);
            }
        }
        return result(broken, first, last, firstAnchor);
    }

    private record SegmentCheck(String anchor, BrokenLink broken) {
    }

    private SegmentCheck checkSegment(long number) throws IOException {
        try (LineReader reader = new LineReader(Segments.path(directory, number))) {
            LineReader.Line headerLine = reader.next();
            if (headerLine == null || !headerLine.terminated() || headerLine.tooLong()) {
                return new SegmentCheck("", new BrokenLink(number, -1, "missing or incomplete segment header"));
            }
            RecordCodec.Header header;
            try {
                header = RecordCodec.parseHeader(headerLine.text());
            } catch (RecordCodec.MalformedException e) {
                return new SegmentCheck("", new BrokenLink(number, -1, "malformed segment header: " + e.getMessage()));
            }
            if (header.segment() != number) {
                return new SegmentCheck(header.anchor(), new BrokenLink(number, -1,
                        "header names segment " + header.segment() + " (renamed file?)"));
            }
            if (previousHash != null && !Hashes.same(previousHash, header.anchor())) {
                return new SegmentCheck(header.anchor(), new BrokenLink(number, -1,
                        "anchor does not match the last record of segment " + (number - 1)));
            }
            previousHash = header.anchor();
            long index = 0;
            for (LineReader.Line line = reader.next(); line != null; line = reader.next(), index++) {
                String problem = checkRecord(line, number, index);
                if (problem != null) {
                    return new SegmentCheck(header.anchor(), new BrokenLink(number, index, problem));
                }
            }
            return new SegmentCheck(header.anchor(), null);
        }
    }

    /** Checks one record line against the chain; returns what is wrong with it, or null. */
    private String checkRecord(LineReader.Line line, long segment, long index) {
        if (!line.terminated()) {
            return "torn last line: incomplete write of " + line.length() + " bytes at offset " + line.offset()
                    + " (not yet recovered)";
        }
        if (line.tooLong()) {
            return "line of " + line.length() + " bytes is longer than any record";
        }
        AuditRecord record;
        try {
            record = RecordCodec.parse(line.text(), segment, index);
        } catch (RecordCodec.MalformedException e) {
            return "malformed record: " + e.getMessage();
        }
        if (!RecordCodec.hashMatches(line.text())) {
            return "record content does not match its hash (record altered)";
        }
        if (!Hashes.same(previousHash, record.previousHash())) {
            return "record does not chain to the one before it (a record was deleted, inserted or reordered here)";
        }
        if (expectedSequence >= 0 && record.sequence() != expectedSequence) {
            return "sequence " + record.sequence() + " where " + expectedSequence + " was expected";
        }
        if (segment == 1 && index == 0 && record.sequence() != 1) {
            return "the first record of the trail has sequence " + record.sequence() + " instead of 1";
        }
        if (DROPPED.equals(record.action())) {
            noteDrop(record.event().detail());
        }
        previousHash = record.hash();
        expectedSequence = record.sequence() + 1;
        records++;
        return null;
    }

    /** Reads "dropped segment=N ... nextAnchor=HEX ..." as written by FileAuditTrail. */
    private void noteDrop(String detail) {
        Long segment = null;
        String anchor = null;
        for (String token : detail.split(" ")) {
            if (token.startsWith("segment=")) {
                try {
                    segment = Long.parseLong(token.substring("segment=".length()));
                } catch (NumberFormatException e) {
                    return;
                }
            } else if (token.startsWith("nextAnchor=")) {
                anchor = token.substring("nextAnchor=".length());
            }
        }
        if (segment != null && anchor != null) {
            dropAnchors.put(segment, anchor);
        }
    }

    private Verification result(BrokenLink broken, long first, long last, String firstAnchor) {
        return new Verification(broken, records, first, last, firstAnchor, notes);
    }
}
