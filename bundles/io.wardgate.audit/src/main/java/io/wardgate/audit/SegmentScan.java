package io.wardgate.audit;

import io.wardgate.audit.api.AuditRecord;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What one segment file holds, as far as reopening the trail needs: its header, its last good
 * record, and an incomplete last line if a write was interrupted.
 *
 * @param header the parsed header, or null when it is missing, incomplete or malformed
 * @param records complete, well-formed records
 * @param lastSequence sequence of the last well-formed record, or -1
 * @param lastHash hash of the last well-formed record, or the anchor when there is none
 * @param tornOffset offset of an unterminated last line, or -1
 * @param tornLength its length in bytes
 * @param unreadableTail the last complete line is not a well-formed record
 */
record SegmentScan(RecordCodec.Header header, long records, long lastSequence, String lastHash, long tornOffset,
        long tornLength, boolean unreadableTail) {

    static SegmentScan of(Path file, long number) throws IOException {
        try (LineReader reader = new LineReader(file)) {
            LineReader.Line first = reader.next();
            RecordCodec.Header header = null;
            if (first != null && first.terminated() && !first.tooLong()) {
                try {
                    header = RecordCodec.parseHeader(first.text());
                } catch (RecordCodec.MalformedException e) {
                    header = null;
                }
            }
            if (header == null) {
                return new SegmentScan(null, 0, -1, "", -1, 0, false);
            }
            long records = 0;
            long lastSequence = -1;
            String lastHash = header.anchor();
            long tornOffset = -1;
            long tornLength = 0;
            boolean unreadable = false;
            long index = 0;
            for (LineReader.Line line = reader.next(); line != null; line = reader.next(), index++) {
                if (!line.terminated()) {
                    tornOffset = line.offset();
                    tornLength = line.length();
                    break;
                }
                AuditRecord record = parse(line, number, index);
                unreadable = record == null;
                if (record != null) {
                    records++;
                    lastSequence = record.sequence();
                    lastHash = record.hash();
                }
            }
            return new SegmentScan(header, records, lastSequence, lastHash, tornOffset, tornLength, unreadable);
        }
    }

    private static AuditRecord parse(LineReader.Line line, long number, long index) {
        if (line.tooLong()) {
            return null;
        }
        try {
            return RecordCodec.parse(line.text(), number, index);
        } catch (RecordCodec.MalformedException e) {
            return null;
        }
    }
}
