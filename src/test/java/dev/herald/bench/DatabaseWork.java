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
 * What Herald asks of PostgreSQL per message, from the server's own counters: commits and rows
 * from {@code pg_stat_database}, and with {@code pg_stat_statements} loaded the statements that
 * ran most often. The CPU per message says how much the database costs; this says what for, and
 * does not move with the machine's load.
 *
 * <p>A backend reports its counters at most once a second and when it has been idle for a moment,
 * so a reading is taken after Herald has been quiet for two seconds.
 */
final class DatabaseWork {
    /** Long enough for every backend's counters to reach the statistics (PostgreSQL's minimum interval is 1 s). */
    private static final long QUIET_MILLIS = 2_000;

    private final String url;
    private final boolean statements;

    DatabaseWork(String url, boolean statements) throws SQLException {
        this.url = url;
        this.statements = statements;
        if (statements) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("create extension if not exists pg_stat_statements");
            }
        }
    }

    /** The counters now, once Herald has been quiet long enough for them to be complete. */
    Reading read() throws Exception {
        Thread.sleep(QUIET_MILLIS);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            Map<String, long[]> byStatement = new HashMap<>();
            long[] database;
            try (ResultSet rs = s.executeQuery("select xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted,"
                    + " tup_fetched from pg_stat_database where datname = current_database()")) {
                rs.next();
                database = new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)};
            }
            if (statements) {
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
            }
            return new Reading(database, byStatement);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "herald", "");
    }

    record Reading(long[] database, Map<String, long[]> byStatement) {
        /** What happened between {@code before} and this reading, per message, as lines to print. */
        List<String> since(Reading before, int messages, int top) {
            List<String> lines = new ArrayList<>();
            String[] names = {"commits", "rollbacks", "rows inserted", "rows updated", "rows deleted", "rows fetched"};
            StringBuilder sb = new StringBuilder("per message:");
            for (int i = 0; i < names.length; i++) {
                sb.append(String.format(" %s %.2f%s", names[i], (database[i] - before.database[i]) / (double) messages,
                        i < names.length - 1 ? "," : ""));
            }
            lines.add(sb.toString());
            if (byStatement.isEmpty()) {
                return lines;
            }
            List<Map.Entry<String, long[]>> ran = new ArrayList<>();
            long calls = 0;
            long micros = 0;
            for (Map.Entry<String, long[]> e : byStatement.entrySet()) {
                long[] was = before.byStatement.getOrDefault(e.getKey(), new long[3]);
                long[] d = {e.getValue()[0] - was[0], e.getValue()[1] - was[1], e.getValue()[2] - was[2]};
                if (d[0] > 0) {
                    ran.add(Map.entry(e.getKey(), d));
                    calls += d[0];
                    micros += d[2];
                }
            }
            ran.sort((a, b) -> Long.compare(b.getValue()[2], a.getValue()[2]));
            lines.add(String.format("statements per message %.2f, their execution %.3f ms per message; by execution time:",
                    calls / (double) messages, micros / 1000.0 / messages));
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
