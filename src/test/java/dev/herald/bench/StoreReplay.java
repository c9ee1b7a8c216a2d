package dev.herald.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import dev.herald.delivery.control.RecordRowsReplay;
import dev.herald.message.control.IngestRowsReplay;
import org.flywaydb.core.Flyway;

/**
 * Herald's hot-path writes replayed against H2 alone, without Payara, the broker or HTTP: the
 * figure a schema or store-write change moves, measured where it happens. On a shared machine a
 * 5-10 % change in the database's share is lost in the whole benchmark's noise; here it shows.
 *
 * <p>Each round is what Herald does for a group of messages under load: one transaction inserts
 * their message and delivery rows (the ingest writer's own statements, {@link IngestRowsReplay}),
 * one records the attempts of the previous group and ends their deliveries (the record writer's,
 * {@link RecordRowsReplay}), and a {@code CHECKPOINT} writes the store, as {@code DurableWrites}
 * does. It runs on the schema of the migrations at
 * {@code -Dreplay.baseline} (default 8: a schema change compares against the last migration) and on
 * the current one, alternating, and prints CPU per message and bytes written per store write for
 * both, and their ratio. Run with {@code mvn -Pstore-replay test};
 * sizes by {@code -Dreplay.messages} (30,000), {@code -Dreplay.group} (7 messages per round),
 * {@code -Dreplay.rounds} (3 per schema).
 */
public final class StoreReplay {
    /** Held, so that the level set on it stays: Flyway logs every migration of every run otherwise. */
    private static final java.util.logging.Logger FLYWAY = java.util.logging.Logger.getLogger("org.flywaydb");

    public static void main(String[] args) throws Exception {
        // H2 runs with C2 in Herald once it has started; so it does here (jvm.options, as Herald)
        dev.herald.platform.jit.OptimizingCompiler.release();
        int messages = Integer.getInteger("replay.messages", 30_000);
        int group = Integer.getInteger("replay.group", 7);
        int rounds = Integer.getInteger("replay.rounds", 3);
        String baseline = System.getProperty("replay.baseline", "8");
        FLYWAY.setLevel(java.util.logging.Level.WARNING);
        if (Boolean.getBoolean("replay.patterns")) {
            comparePatterns(messages, group, rounds);
            return;
        }
        System.out.printf("Store replay: %d messages per run, %d per store write, H2 %s, schema V%s against the current one%n",
                messages, group, org.h2.engine.Constants.FULL_VERSION, baseline);
        List<Double> baseCpu = new ArrayList<>();
        List<Double> currentCpu = new ArrayList<>();
        List<Double> baseBytes = new ArrayList<>();
        List<Double> currentBytes = new ArrayList<>();
        replay(null, 3000, group, Variant.HERALD); // warms the JIT for both
        for (int r = 0; r < rounds; r++) {
            double[] b = replay(baseline, messages, group, Variant.HERALD);
            double[] c = replay(null, messages, group, Variant.HERALD);
            baseCpu.add(b[0]);
            baseBytes.add(b[1]);
            currentCpu.add(c[0]);
            currentBytes.add(c[1]);
            System.out.printf("  run %d: V%s %.1f µs CPU per message, %.0f KB per store write; current %.1f µs, %.0f KB%n",
                    r + 1, baseline, b[0], b[1] / 1024, c[0], c[1] / 1024);
        }
        double bc = median(baseCpu);
        double cc = median(currentCpu);
        System.out.printf("Median: V%s %.1f µs CPU per message, current %.1f µs: current / V%s = %.2f; bytes per store write %.2f%n",
                baseline, bc, cc, baseline, cc / bc, median(currentBytes) / median(baseBytes));
    }

    /**
     * Herald's write pattern and designs that would write less, on the current schema
     * ({@code -Dreplay.patterns=true}): what each would take out of the database's share.
     */
    enum Variant {
        HERALD("as now (V8): no row at ingest, ended rows of successes written later",
                RecordRowsReplay.Pattern.ROWS_WRITTEN_BEHIND, false),
        UPDATED_ROW("before V8: delivery row at ingest, ended by an UPDATE", RecordRowsReplay.Pattern.UPDATE_THE_INGEST_ROW,
                false),
        ROW_BY_RECORD("design: the record inserts the delivery row, ended", RecordRowsReplay.Pattern.ROW_WRITTEN_BY_THE_RECORD,
                false),
        NO_ROW_FOR_SUCCESS("design: no delivery row for a first attempt that succeeds",
                RecordRowsReplay.Pattern.NO_ROW_FOR_A_FIRST_SUCCESS, false),
        WITHOUT_TIMESTAMP_INDEXES("as now, without the message and attempt timestamp indexes",
                RecordRowsReplay.Pattern.ROWS_WRITTEN_BEHIND, true),
        RECORDS_EVERY_8TH("as now, records committed every 8th store write", RecordRowsReplay.Pattern.ROWS_WRITTEN_BEHIND,
                false, 8);

        final String words;
        final RecordRowsReplay.Pattern record;
        final boolean dropTimestampIndexes;
        /** Store writes between the record's commits. */
        final int recordEvery;

        Variant(String words, RecordRowsReplay.Pattern record, boolean dropTimestampIndexes) {
            this(words, record, dropTimestampIndexes, 1);
        }

        Variant(String words, RecordRowsReplay.Pattern record, boolean dropTimestampIndexes, int recordEvery) {
            this.words = words;
            this.record = record;
            this.dropTimestampIndexes = dropTimestampIndexes;
            this.recordEvery = recordEvery;
        }

        /** Only the pattern before V8 writes the delivery row at ingest, for its record to update. */
        boolean deliveryAtIngest() {
            return record == RecordRowsReplay.Pattern.UPDATE_THE_INGEST_ROW;
        }
    }

    private static void comparePatterns(int messages, int group, int rounds) throws Exception {
        System.out.printf("Store replay of write patterns: %d messages per run, %d per store write, H2 %s, current schema%n",
                messages, group, org.h2.engine.Constants.FULL_VERSION);
        replay(null, 3000, group, Variant.HERALD); // warms the JIT
        java.util.Map<Variant, List<Double>> cpu = new java.util.EnumMap<>(Variant.class);
        java.util.Map<Variant, List<Double>> bytes = new java.util.EnumMap<>(Variant.class);
        for (int r = 0; r < rounds; r++) {
            for (Variant v : Variant.values()) {
                double[] x = replay(null, messages, group, v);
                cpu.computeIfAbsent(v, k -> new ArrayList<>()).add(x[0]);
                bytes.computeIfAbsent(v, k -> new ArrayList<>()).add(x[1]);
                System.out.printf("  run %d: %-60s %6.1f µs CPU per message, %3.0f KB per store write%n", r + 1, v.words,
                        x[0], x[1] / 1024);
            }
        }
        double baseCpu = median(cpu.get(Variant.UPDATED_ROW));
        double baseBytes = median(bytes.get(Variant.UPDATED_ROW));
        for (Variant v : Variant.values()) {
            System.out.printf("Median: %-60s %6.1f µs (%.2f of before V8), %3.0f KB per store write (%.2f)%n", v.words,
                    median(cpu.get(v)), median(cpu.get(v)) / baseCpu, median(bytes.get(v)) / 1024,
                    median(bytes.get(v)) / baseBytes);
        }
    }

    /** CPU µs per message and bytes written per store write, for one run on a fresh database. */
    private static double[] replay(String schemaVersion, int messages, int group, Variant variant) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "store-replay");
        // the embedded URL's settings (HeraldDriver); the store is written only by CHECKPOINT here
        String url = "jdbc:h2:file:" + dir.toAbsolutePath() + "/herald;" + dev.herald.platform.db.HeraldDriver.EMBEDDED_SETTINGS;
        try {
            var flyway = Flyway.configure().dataSource(url, "", "").locations("classpath:db/migration");
            if (schemaVersion != null) {
                flyway.target(schemaVersion);
            }
            flyway.load().migrate();
            try (Connection ingest = DriverManager.getConnection(url);
                    Connection record = DriverManager.getConnection(url);
                    Connection store = DriverManager.getConnection(url)) {
                dev.herald.platform.db.SchemaRows.application(ingest, "app_1");
                dev.herald.platform.db.SchemaRows.endpoint(ingest, "ep_1", "app_1", false, false);
                if (variant.dropTimestampIndexes) {
                    try (Statement s = ingest.createStatement()) {
                        s.execute("drop index IDXdxat9fauumywx6pwqsb5gjme1"); // herald_message (timestamp)
                        s.execute("drop index IDXagvhv71uiq5xxfkxm3kru0u1f"); // herald_attempt (timestamp)
                    }
                }
                ingest.setAutoCommit(false);
                record.setAutoCommit(false);
                long bytesBefore = Files.size(dir.resolve("herald.mv.db"));
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long cpu = os.getProcessCpuTime();
                int writes = write(ingest, record, store, messages, group, variant);
                cpu = os.getProcessCpuTime() - cpu;
                long bytes = Files.size(dir.resolve("herald.mv.db")) - bytesBefore;
                return new double[] {cpu / 1e3 / messages, (double) bytes / writes};
            }
        } finally {
            dev.herald.it.Directories.deleteRecursively(dir);
        }
    }

    /** The rounds; answers the number of store writes. */
    private static int write(Connection ingest, Connection record, Connection store, int messages, int group,
            Variant variant) throws SQLException {
        String pad = "x".repeat(400);
        try (Statement checkpoint = store.createStatement()) {
            int writes = 0;
            for (int first = 0; first < messages; first += group) {
                int last = Math.min(messages, first + group);
                IngestRowsReplay.insert(ingest, first, last, "app_1", "ep_1", pad, variant.deliveryAtIngest());
                ingest.commit();
                int span = group * variant.recordEvery;
                if (first > 0 && first % span == 0) { // the previous groups' attempts end now
                    RecordRowsReplay.record(record, first - span, first, "app_1", "ep_1", "https://receiver.example",
                            variant.record);
                    record.commit();
                }
                checkpoint.execute("CHECKPOINT");
                writes++;
            }
            return writes;
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
