package io.wardgate.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** SQLite's own query plan for a statement on a real outbox file (what the plan tests assert on). */
final class QueryPlans {
    private QueryPlans() {
    }

    /** A new, empty outbox file in {@code dir}, as the store creates it. */
    static Path newOutbox(Path dir) {
        Path file = dir.resolve("outbox.db");
        SqliteStore.open(file, 0).close();
        return file;
    }

    /** The plan's lines, one per line, with {@code parameters} bound in order (ints). */
    static String plan(Path file, String sql, int... parameters) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                PreparedStatement statement = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setInt(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString("detail")).append('\n');
                }
            }
        }
        return plan.toString();
    }
}
