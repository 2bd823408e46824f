package io.wardgate.audit;

import io.wardgate.audit.api.AuditQuery;
import io.wardgate.audit.api.AuditRecord;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Answers queries by scanning the segments oldest first. Lines that are not well-formed records
 * are skipped here; verification is what reports them.
 */
final class RecordScanner {
    private RecordScanner() {
    }

    static List<AuditRecord> query(Path directory, AuditQuery query) throws IOException {
        Deque<AuditRecord> found = new ArrayDeque<>();
        for (long segment : Segments.list(directory).keySet()) {
            try (LineReader reader = new LineReader(Segments.path(directory, segment))) {
                reader.next(); // header
                long index = 0;
                for (LineReader.Line line = reader.next(); line != null; line = reader.next(), index++) {
                    AuditRecord record = parseOrNull(line, segment, index);
                    if (record == null || !query.matches(record)) {
                        continue;
                    }
                    if (!query.newestFirst() && found.size() == query.limit()) {
                        return List.copyOf(found);
                    }
                    if (query.newestFirst() && found.size() == query.limit()) {
                        found.removeFirst();
                    }
                    found.addLast(record);
                }
            } catch (NoSuchFileException e) {
                // dropped by the size bound while we listed: nothing to report from it
            }
        }
        List<AuditRecord> result = new ArrayList<>(found);
        if (query.newestFirst()) {
            java.util.Collections.reverse(result);
        }
        return List.copyOf(result);
    }

    /**
     * Records after {@code sequence}, oldest first. Starts at the newest segment whose first record
     * is at or before {@code sequence + 1}, found by reading only the first record of each segment.
     */
    static List<AuditRecord> readAfter(Path directory, long sequence, int limit) throws IOException {
        List<Long> segments = new ArrayList<>(Segments.list(directory).keySet());
        int start = 0;
        for (int i = segments.size() - 1; i > 0; i--) {
            long first = firstSequence(directory, segments.get(i));
            if (first > 0 && first <= sequence + 1) {
                start = i;
                break;
            }
        }
        List<AuditRecord> found = new ArrayList<>();
        for (long segment : segments.subList(start, segments.size())) {
            try (LineReader reader = new LineReader(Segments.path(directory, segment))) {
                reader.next(); // header
                long index = 0;
                for (LineReader.Line line = reader.next(); line != null; line = reader.next(), index++) {
                    AuditRecord record = parseOrNull(line, segment, index);
                    if (record != null && record.sequence() > sequence) {
                        found.add(record);
                        if (found.size() == limit) {
                            return List.copyOf(found);
                        }
                    }
                }
            } catch (NoSuchFileException e) {
                // dropped by the size bound while we listed: the caller sees the gap in sequence numbers
            }
        }
        return List.copyOf(found);
    }

    /** The sequence of the first well-formed record of a segment, or -1. */
    private static long firstSequence(Path directory, long segment) throws IOException {
        try (LineReader reader = new LineReader(Segments.path(directory, segment))) {
            reader.next(); // header
            LineReader.Line line = reader.next();
            AuditRecord record = line == null ? null : parseOrNull(line, segment, 0);
            return record == null ? -1 : record.sequence();
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    private static AuditRecord parseOrNull(LineReader.Line line, long segment, long index) {
        if (!line.terminated() || line.tooLong()) {
            return null;
        }
        try {
            return RecordCodec.parse(line.text(), segment, index);
        } catch (RecordCodec.MalformedException e) {
            return null;
        }
    }
}
