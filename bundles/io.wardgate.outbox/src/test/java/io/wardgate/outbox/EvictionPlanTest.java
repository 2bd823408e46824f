package io.wardgate.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.testkit.RecordingAuditTrail;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full outbox looks for eviction candidates on every store. Without an index in eviction order SQLite
 * scanned and sorted every stored envelope for each (134 ms at 140,000 envelopes): at 300 envelopes/s the
 * writer fell behind and the gateway ran out of heap in a 10-minute outage. SQLite's own query plan must
 * show an index search without a sort, in a new file and in one migrated from schema 1.
 */
class EvictionPlanTest {
    @TempDir
    Path dir;

    @Test
    void aNewOutboxFindsEvictionCandidatesThroughAnIndexWithoutSorting() throws Exception {
        Path file = QueryPlans.newOutbox(dir);
        assertThat(plan(file)).contains("USING INDEX envelope_eviction").doesNotContain("TEMP B-TREE");
    }

    @Test
    void anOutboxOfSchemaOneGetsTheIndexWhenOpened() throws Exception {
        Path file = dir.resolve("outbox.db");
        try (InputStream in = getClass().getResourceAsStream("outbox-v1.db")) {
            Files.copy(in, file);
        }
        // The fixture's envelopes were sealed 2026-01-01T00:00:00Z..03Z: read them ten minutes later.
        Clock fixtureTime = Clock.fixed(Instant.parse("2026-01-01T00:10:00Z"), ZoneOffset.UTC);
        try (OutboxEngine outbox = new OutboxEngine(OutboxSettings.defaults(file), fixtureTime,
                RecordingAuditTrail::new)) {
            assertThat(outbox.status().envelopes()).isEqualTo(4);
        }
        assertThat(plan(file)).contains("USING INDEX envelope_eviction").doesNotContain("TEMP B-TREE");
    }

    private static String plan(Path file) throws Exception {
        return QueryPlans.plan(file, SqliteStore.EVICTION_QUERY, 0, 0, 5, 64);
    }
}
