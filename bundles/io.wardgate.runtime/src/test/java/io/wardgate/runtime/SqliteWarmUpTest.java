package io.wardgate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqliteWarmUpTest {
    /** SQLite's native library loads on this machine and a statement runs, in memory only. */
    @Test
    void sqliteRunsAStatementInMemory() {
        assertThat(SqliteWarmUp.warmUp()).isTrue();
    }
}
