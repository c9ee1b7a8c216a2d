package dev.herald.platform.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.message.control.IngestRowsReplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 file under Herald's write pattern (a store write after every few messages), on
 * Herald's schema: without compaction it grows by everything written; with it, by little more
 * than the rows. The test sets H2's retention time to 0 so that chunks are rewritable at once:
 * with the default the same happens 45 s later.
 */
class StoreCompactionTest {
    static final int MESSAGES = 6_000;
    static final int PER_WRITE = 3;

    @TempDir
    Path dir;

    @Test
    void theFileGrowsWithTheRowsNotWithTheStoreWrites() throws Exception {
        long plain = fileAfterWrites("plain", false);
        long compacted = fileAfterWrites("compacted", true);
        assertTrue(compacted * 2 < plain, "compacted " + compacted / 1024 + " KB against " + plain / 1024 + " KB without");
    }

    /** The file's size after MESSAGES messages, written PER_WRITE to a store write, with or without compaction. */
    private long fileAfterWrites(String name, boolean compact) throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve(name).toAbsolutePath() + "/herald;WRITE_DELAY=500;RETENTION_TIME=0");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        // Herald's pass size, more often than its 200 ms: these writes come faster than a server's
        StoreCompaction compaction = new StoreCompaction(dataSource, 20_000_000L, StoreCompaction.DEFAULT_REWRITE_BYTES);
        try (Connection rows = dataSource.getConnection(); Connection store = dataSource.getConnection();
                Statement s = store.createStatement()) {
            try (Statement setup = rows.createStatement()) {
                setup.execute("insert into herald_application (id, createdAt, name, updatedAt, version) "
                        + "values ('app_1', current_timestamp, 'a', current_timestamp, 0)");
                setup.execute("insert into herald_endpoint (id, apiVersion, createdAt, description, disabled, paused, secret, "
                        + "updatedAt, url, version, app_id) values ('ep_1', 1, current_timestamp, '', false, false, 's', "
                        + "current_timestamp, 'https://receiver.example', 0, 'app_1')");
            }
            rows.setAutoCommit(false);
            String pad = "x".repeat(400);
            for (int first = 0; first < MESSAGES; first += PER_WRITE) {
                IngestRowsReplay.insert(rows, first, first + PER_WRITE, "app_1", "ep_1", pad, false);
                rows.commit();
                s.execute("CHECKPOINT");
                if (compact) {
                    compaction.afterStoreWrite(store);
                }
            }
            try (ResultSet count = s.executeQuery("select count(*) from herald_message")) {
                count.next();
                assertEquals(MESSAGES, count.getInt(1), "every message is still there");
            }
            return Files.size(dir.resolve(name).resolve("herald.mv.db"));
        }
    }
}
