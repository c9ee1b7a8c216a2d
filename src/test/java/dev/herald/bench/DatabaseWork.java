package dev.herald.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What Herald asks of PostgreSQL per message, from {@code pg_stat_statements}: its transactions
 * and the statements that took the server longest. The CPU per message says how much the
 * database costs; this says what for, and does not move with the machine's load.
 * ({@code pg_stat_database}'s counters were tried first: each backend reports them only now and
 * then, and two readings a few seconds apart disagreed by half.)
 */
final class DatabaseWork {
    /** Long enough for Herald's last records and succeeded rows (written 250 ms after their attempts) to be in. */
    private static final long QUIET_MILLIS = 2_000;

    private final String url;

    DatabaseWork(String url) throws SQLException {
        this.url = url;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
        }
    }

    /** The counters now, once Herald has been quiet for a moment. */
    Reading read() throws Exception {
        Thread.sleep(QUIET_MILLIS);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            Map<String, long[]> byStatement = new HashMap<>();
            try (ResultSet rs = s.executeQuery("select query, calls, rows, total_exec_time from pg_stat_statements"
                    + " where dbid = (select oid from pg_database where datname = current_database())")) {
                while (rs.next()) {
                    // the same text may have several entries (per user, top level or not): summed
                    long[] sum = byStatement.computeIfAbsent(rs.getString(1), q -> new long[3]);
                    sum[0] += rs.getLong(2);
                    sum[1] += rs.getLong(3);
                    sum[2] += Math.round(rs.getDouble(4) * 1000); // microseconds
                }
            }
            return new Reading(byStatement);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "herald", "");
    }

    record Reading(Map<String, long[]> byStatement) {
        /** What ran between {@code before} and this reading, per message, as lines to print. */
        List<String> since(Reading before, int messages, int top) {
            List<String> lines = new ArrayList<>();
            List<Map.Entry<String, long[]>> ran = new ArrayList<>();
            long calls = 0;
            long micros = 0;
            long transactions = 0;
            for (Map.Entry<String, long[]> e : byStatement.entrySet()) {
                long[] was = before.byStatement.getOrDefault(e.getKey(), new long[3]);
                long[] d = {e.getValue()[0] - was[0], e.getValue()[1] - was[1], e.getValue()[2] - was[2]};
                if (d[0] <= 0 || e.getKey().contains("pg_stat_statements")) {
                    continue; // not Herald's
                }
                if (e.getKey().equalsIgnoreCase("BEGIN")) {
                    transactions += d[0]; // the driver begins each transaction of Herald's own
                    continue;
                }
                if (e.getKey().equalsIgnoreCase("COMMIT") || e.getKey().equalsIgnoreCase("ROLLBACK")) {
                    continue;
                }
                ran.add(Map.entry(e.getKey(), d));
                calls += d[0];
                micros += d[2];
            }
            ran.sort((a, b) -> Long.compare(b.getValue()[2], a.getValue()[2]));
            lines.add(String.format("per message: transactions %.2f, statements %.2f (executing them took %.3f ms, wall clock);"
                    + " the longest:", transactions / (double) messages, calls / (double) messages, micros / 1000.0 / messages));
            for (Map.Entry<String, long[]> e : ran.subList(0, Math.min(top, ran.size()))) {
                long[] d = e.getValue();
                String q = e.getKey().replaceAll("\\s+", " ");
                lines.add(String.format("  %5.2f calls %6.2f rows %6.3f ms  %s", d[0] / (double) messages,
                        d[1] / (double) messages, d[2] / 1000.0 / messages, q.length() > 110 ? q.substring(0, 110) + "…" : q));
            }
            return lines;
        }
    }
}
