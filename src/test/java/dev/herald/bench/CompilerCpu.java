package dev.herald.bench;

import dev.herald.prod.ProcStat;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU a JVM's JIT compiler threads have spent, in milliseconds, read from Linux's
 * {@code /proc/<pid>/task}: the measure of "is its JIT quiet yet".
 *
 * <p>The JVM's own figure ({@code CompilationMXBean.getTotalCompilationTime}) grows only when a
 * compilation finishes, so a round during which C2 worked on one large method the whole time
 * read as quiet: the benchmark then ended Herald's warm-up there and measured Herald while that
 * compilation and the ones queued behind it ran (0.6-2.0 s of compiler time in a 2 s phase, Herald's
 * CPU per message 0.93 ms against 0.51 in the round before). A compiler thread's own CPU clock
 * counts a compilation while it runs. Compiler threads are hidden from JMX's thread list, hence
 * {@code /proc}; elsewhere this falls back to the JVM's figure. The JVM starts and stops compiler
 * threads as its queue grows and shrinks, so each thread's last reading is kept: the sum only grows.
 */
final class CompilerCpu implements Benchmark.Counter {
    private static final java.util.regex.Pattern COMPILER = java.util.regex.Pattern.compile("C[12] CompilerThre.*");

    private final Path tasks;
    private final Benchmark.Counter fallback;
    private final Map<String, Long> ticksByThread = new HashMap<>();

    /** {@code fallback}: the JVM's compilation time in ms, for a system without {@code /proc}. */
    CompilerCpu(long pid, Benchmark.Counter fallback) {
        this.tasks = Path.of("/proc", Long.toString(pid), "task");
        this.fallback = fallback;
    }

    /** Whether the reading comes from the compiler threads' clocks (rather than the JVM's figure). */
    boolean threadClocks() {
        return Files.isDirectory(tasks);
    }

    @Override
    public long read() throws Exception {
        if (!threadClocks()) {
            return fallback.read();
        }
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                ProcStat.Times times = ProcStat.read(thread.resolve("stat"));
                // HotSpot names them "C1 CompilerThread0", "C2 CompilerThread1" (the kernel keeps 15 characters)
                if (times != null && COMPILER.matcher(times.name()).matches()) {
                    ticksByThread.merge(thread.getFileName().toString(), times.ticks(), Math::max);
                }
            }
        }
        long ticks = 0;
        for (long t : ticksByThread.values()) {
            ticks += t;
        }
        return ticks * 1000 / ProcStat.CLOCK_TICKS;
    }
}
