package dev.herald.platform.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.message.control.IngestRowsReplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 file under Herald's write pattern (a store write after every few messages), on
 * Herald's schema and the embedded default's settings: without compaction it grows by everything
 * written; with it, by little more than the rows; after a burst, idle passes give the space back;
 * and restarts after a kill find every row and the schema as they were.
 * The tests set H2's retention time to 0 so that chunks are rewritable at once: with the default
 * the same happens 45 s later.
 */
class StoreCompactionTest {
    static final int MESSAGES = 6_000;
    static final int PER_WRITE = 3;

    @TempDir
    Path dir;

    @Test
    void theFileGrowsWithTheRowsNotWithTheStoreWrites() throws Exception {
        long plain = fileAfterWrites(database("plain"), 0, MESSAGES, false);
        long compacted = fileAfterWrites(database("compacted"), 0, MESSAGES, true);
        assertTrue(compacted * 2 < plain, "compacted " + compacted / 1024 + " KB against " + plain / 1024 + " KB without");
    }

    @Test
    void idlePassesGiveBackWhatABurstTookOnceItIsOver() throws Exception {
        JdbcDataSource dataSource = database("burst");
        // a burst the store writer's passes did not keep up with: the file holds everything written
        long afterBurst = fileAfterWrites(dataSource, 0, MESSAGES, false);
        StoreCompaction compaction = new StoreCompaction(dataSource, 0, StoreCompaction.DEFAULT_REWRITE_BYTES);
        int passes = 0;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            StoreCompaction.Pass pass;
            while ((pass = compaction.whileIdle(c)).againMillis() >= 0 && passes < 200) {
                if (pass.rewrote()) {
                    s.execute("CHECKPOINT");
                }
                passes++;
            }
            // the chunks left behind by the last pass are freed, and the file's end cut, at the next store write
            s.execute("CHECKPOINT");
            assertEquals(MESSAGES, count(s), "every message is still there");
        }
        long afterIdle = size("burst");
        assertTrue(passes > 0 && passes < 200, passes + " passes");
        assertTrue(afterIdle * 3 < afterBurst, "after idle passes " + afterIdle / 1024 + " KB, after the burst " + afterBurst / 1024 + " KB");
    }

    @Test
    void killsAndRestartsFindEveryRowAndTheSchemaAsTheyWere() throws Exception {
        JdbcDataSource dataSource = database("restarts");
        int written = 0;
        for (int restart = 0; restart < 8; restart++) {
            // a burst the store writer's passes did not keep up with, and a purge's deletes: sparse chunks, gaps in the file
            fileAfterWrites(dataSource, written, 1_500, false);
            written += 1_500;
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("delete from herald_message where id between '" + IngestRowsReplay.id("msg", written - 1_500)
                        + "' and '" + IngestRowsReplay.id("msg", written - 1) + "' and mod(cast(substring(id, 5) as bigint), 3) = 0");
                assertEquals(500, s.getUpdateCount());
                s.execute("CHECKPOINT");
                // a kill -9: the file is left as it is, and nothing more is written to it
                s.execute("SHUTDOWN IMMEDIATELY");
            }
            int kept = written - 500 * (restart + 1);
            // Herald's start: the migrations open the database (H2 recovers it) and close their
            // connection; then the pool opens its own
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                assertEquals(kept, count(s), "restart " + restart);
            }
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                assertEquals(kept, count(s), "restart " + restart + ", the pool's connection");
                try (ResultSet r = s.executeQuery("select max(\"version\") from \"flyway_schema_history\"")) {
                    r.next();
                    assertEquals(latestMigration(), r.getString(1));
                }
                // a column of a later migration than the table's (V4 on V1)
                s.executeQuery("select resendPending from herald_delivery").close();
            }
        }
    }

    private final List<JdbcDataSource> opened = new ArrayList<>();

    /** The embedded URL keeps a database open when its last connection closes: let each go. */
    @AfterEach
    void shutDown() throws Exception {
        for (JdbcDataSource d : opened) {
            try (Connection c = d.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN IMMEDIATELY");
            }
        }
    }

    /** A database on the embedded default's settings, with chunks rewritable at once. */
    private JdbcDataSource database(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        opened.add(dataSource);
        dataSource.setURL(dev.herald.platform.db.HeraldDriver.embeddedH2(dir.resolve(name).toAbsolutePath().toString())
                + ";RETENTION_TIME=0");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }

    /**
     * The file's size after {@code messages} more messages (numbered from {@code from}), written
     * PER_WRITE to a store write, with or without compaction after each write.
     */
    private long fileAfterWrites(JdbcDataSource dataSource, int from, int messages, boolean compact) throws Exception {
        // Herald's pass size, more often than its 200 ms: these writes come faster than a server's
        StoreCompaction compaction = new StoreCompaction(dataSource, 20_000_000L, StoreCompaction.DEFAULT_REWRITE_BYTES);
        try (Connection rows = dataSource.getConnection(); Connection store = dataSource.getConnection();
                Statement s = store.createStatement()) {
            try (Statement setup = rows.createStatement()) {
                setup.execute("merge into herald_application (id, createdAt, name, updatedAt, version) "
                        + "values ('app_1', current_timestamp, 'a', current_timestamp, 0)");
                setup.execute("merge into herald_endpoint (id, apiVersion, createdAt, description, disabled, paused, secret, "
                        + "updatedAt, url, version, app_id) values ('ep_1', 1, current_timestamp, '', false, false, 's', "
                        + "current_timestamp, 'https://receiver.example', 0, 'app_1')");
            }
            rows.setAutoCommit(false);
            String pad = "x".repeat(400);
            for (int first = from; first < from + messages; first += PER_WRITE) {
                IngestRowsReplay.insert(rows, first, first + PER_WRITE, "app_1", "ep_1", pad, false);
                rows.commit();
                s.execute("CHECKPOINT");
                if (compact) {
                    compaction.afterStoreWrite(store);
                }
            }
            if (from == 0) {
                assertEquals(messages, count(s), "every message is still there");
            }
        }
        return Files.size(fileOf(dataSource));
    }

    private java.nio.file.Path fileOf(JdbcDataSource dataSource) {
        String url = dataSource.getURL();
        return Path.of(url.substring("jdbc:h2:file:".length(), url.indexOf(';')) + ".mv.db");
    }

    private long size(String name) throws java.io.IOException {
        return Files.size(dir.resolve(name).resolve("db").resolve("herald.mv.db"));
    }

    private static int count(Statement s) throws java.sql.SQLException {
        try (ResultSet count = s.executeQuery("select count(*) from herald_message")) {
            count.next();
            return count.getInt(1);
        }
    }

    /** The highest V<n> among the migration scripts. */
    private static String latestMigration() throws Exception {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"))
                    .max(java.util.Comparator.comparingInt(Integer::parseInt)).orElseThrow();
        }
    }
}
