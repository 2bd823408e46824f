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
