package dev.herald.prod;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PostgreSQL server from Debian's {@code postgresql} package ({@code initdb} and
 * {@code pg_ctl} under /usr/lib/postgresql/VERSION/bin): a fresh cluster in a temporary
 * directory, on loopback, trust authentication, database {@code herald} owned by {@code herald}.
 * PostgreSQL refuses to run as root, so as root it runs as {@code nobody} (setpriv).
 */
public final class LocalPostgres implements AutoCloseable {
    final int port;
    final Path dir;
    private final Path bin;
    private final boolean root;

    private LocalPostgres(Path bin, Path dir, int port, boolean root) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.root = root;
    }

    /** The newest installed server's bin directory, or null when none is installed. */
    static Path findBin() {
        File[] versions = new File("/usr/lib/postgresql").listFiles();
        if (versions == null) {
            return null;
        }
        return Arrays.stream(versions).map(v -> v.toPath().resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                .orElse(null);
    }

    public static LocalPostgres start(int port) throws Exception {
        return start(port, "");
    }

    /** {@code serverOptions}: more of postgres's own options ({@code -c name=value …}), or "". */
    public static LocalPostgres start(int port, String serverOptions) throws Exception {
        Path bin = findBin();
        if (bin == null) {
            throw new IllegalStateException("PostgreSQL is not installed (Debian: apt-get install postgresql; .ci/run does)");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        // Under /tmp whatever java.io.tmpdir says (the test run points it into target/): the
        // server's user must be able to reach the directory, and its socket path stays short.
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "herald-pg-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        LocalPostgres pg = new LocalPostgres(bin, dir, port, root);
        try {
            if (root) {
                pg.run(List.of("chown", "65534:65534", dir.toString()), false);
            }
            pg.run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "herald",
                    "--auth=trust", "-E", "UTF8", "--no-sync"), true);
            pg.run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                    dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200 " + serverOptions, "start"), true);
            pg.run(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "herald",
                    "herald"), true);
            return pg;
        } catch (Exception e) {
            pg.close();
            throw e;
        }
    }

    /**
     * CPU time of the server's processes, user and system: the database's share of a benchmark on
     * the same cores. The live ones (the postmaster, its backends and background workers) from
     * their {@code /proc} counters, and those that ended (an autovacuum worker, a backend whose
     * connection closed) from what the postmaster collected when it reaped them: summing the live
     * ones alone lost an ended process's whole time, and once made a phase look seven times cheaper.
     */
    public long cpuNanos() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dir.resolve("data/postmaster.pid")).get(0).trim());
            long ticks = ProcessHandle.of(pid).map(postmaster -> java.util.stream.Stream.concat(java.util.stream.Stream.of(postmaster),
                    postmaster.descendants()).mapToLong(p -> ticks(p.pid(), false)).sum()).orElse(0L);
            return (ticks + ticks(pid, true)) * (1_000_000_000L / ProcStat.CLOCK_TICKS);
        } catch (java.io.IOException | RuntimeException e) {
            return 0; // not running: nothing spent
        }
    }

    /**
     * A process's user and system time in clock ticks, or with {@code reapedChildren} that of its
     * children it has waited for; 0 when the process is gone.
     */
    static long ticks(long pid, boolean reapedChildren) {
        ProcStat.Times t = ProcStat.read(Path.of("/proc", Long.toString(pid), "stat"));
        return t == null ? 0 : reapedChildren ? t.reapedChildrenTicks() : t.ticks();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/herald";
    }

    /** Runs a command (as the server's user when {@code asServer}), failing on a non-zero exit. */
    private void run(List<String> command, boolean asServer) throws Exception {
        List<String> full = new ArrayList<>();
        if (asServer && root) {
            full.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        full.addAll(command);
        Path log = Files.createTempFile("herald-pg-cmd", ".log");
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + full);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(full + " exited with " + p.exitValue() + ":\n" + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Override
    public void close() {
        try {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                        "-w", "stop"), true);
            }
        } catch (Exception e) {
            System.err.println("Could not stop PostgreSQL in " + dir + ": " + e.getMessage());
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }
}
