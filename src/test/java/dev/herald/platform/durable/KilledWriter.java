package dev.herald.platform.durable;

import dev.herald.message.control.IngestRowsReplay;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A child process for {@link H2KillTest}: starts on the database as Herald does (the migrations'
 * connection opens it and closes, then the pool's opens), then writes messages a few at a time,
 * each commit followed by a store write and, every 200 ms, a compaction pass, as Herald's writers
 * do, and prints the highest message number on disk after each store write, until it is killed.
 */
public final class KilledWriter {
    private KilledWriter() {
    }

    public static void main(String[] args) throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(args[0]);
        int next;
        try (Connection migrations = dataSource.getConnection(); Statement s = migrations.createStatement();
                ResultSet r = s.executeQuery("select count(*) from herald_message")) {
            r.next();
            next = r.getInt(1);
        }
        StoreCompaction compaction = new StoreCompaction(dataSource, 200_000_000L, StoreCompaction.DEFAULT_REWRITE_BYTES);
        try (Connection rows = dataSource.getConnection(); Connection store = dataSource.getConnection();
                Statement s = store.createStatement()) {
            rows.setAutoCommit(false);
            String pad = "x".repeat(400);
            System.out.println("started at " + next);
            while (true) {
                IngestRowsReplay.insert(rows, next, next + 3, "app_1", "ep_1", pad, false);
                rows.commit();
                s.execute("CHECKPOINT");
                next += 3;
                System.out.println("on disk " + next);
                compaction.afterStoreWrite(store);
            }
        }
    }
}
