package dev.herald.platform.durable;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 file through kill -9 after kill -9, each while a process writes as Herald does
 * and each followed by a start as Herald's (the migrations open the database, then the pool):
 * every message that was on disk before a kill is there after it, and the file always opens. With
 * the compaction settings alone, a start that closed the just-recovered database (the migrations'
 * connection, before {@code DB_CLOSE_DELAY=-1}) wrote over live chunks in 6 of 21 such runs, and
 * the next open failed with "Double mark".
 */
class H2KillTest {
    static final int KILLS = 6;

    @TempDir
    Path dir;

    @Test
    void everyMessageOnDiskBeforeAKillIsThereAfterItAndTheFileAlwaysOpens() throws Exception {
        String url = dev.herald.platform.db.HeraldDriver.embeddedH2(dir.toAbsolutePath().toString());
        JdbcDataSource setup = new JdbcDataSource();
        setup.setURL(url);
        Flyway.configure().dataSource(setup).locations("classpath:db/migration").load().migrate();
        try (Connection c = setup.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into herald_application (id, createdAt, name, updatedAt, version) "
                    + "values ('app_1', current_timestamp, 'a', current_timestamp, 0)");
            s.execute("CHECKPOINT");
            s.execute("SHUTDOWN IMMEDIATELY"); // this JVM lets go of the file; the children own it
        }
        int onDisk = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), KilledWriter.class.getName(), url)
                    .redirectErrorStream(true).start();
            AtomicInteger last = new AtomicInteger(-1);
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> read(child, last, output));
            reader.start();
            long deadline = System.currentTimeMillis() + 60_000;
            // let it write for a while after its start, then kill it mid-write
            while (last.get() < onDisk + 3_000 && child.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(child.isAlive(), "kill " + kill + ": the writer died on its own:\n" + output);
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
            assertTrue(last.get() >= onDisk, "kill " + kill + ": the writer did not start where the last left off:\n" + output);
            onDisk = last.get();
        }
        JdbcDataSource after = new JdbcDataSource();
        after.setURL(url);
        try (Connection c = after.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*) from herald_message")) {
            r.next();
            assertTrue(r.getInt(1) >= onDisk, r.getInt(1) + " messages, " + onDisk + " were on disk before the last kill");
            s.execute("SHUTDOWN IMMEDIATELY");
        }
    }

    private static void read(Process child, AtomicInteger last, StringBuilder output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("on disk ")) {
                    last.set(Integer.parseInt(line.substring("on disk ".length())));
                } else if (line.startsWith("started at ")) {
                    last.set(Integer.parseInt(line.substring("started at ".length())));
                } else if (output.length() < 20_000) {
                    output.append(line).append('\n');
                }
            }
        } catch (java.io.IOException gone) {
            // the child was killed
        }
    }
}
