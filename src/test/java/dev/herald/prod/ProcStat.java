package dev.herald.prod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Linux's per-process and per-thread CPU counters ({@code /proc/PID/stat},
 * {@code /proc/PID/task/TID/stat}): the database server's CPU beside Herald's in the benchmark,
 * and the JIT's compiler threads, which JMX does not list.
 */
public final class ProcStat {
    /** Linux's USER_HZ, the unit of the times in a stat file (100 on every kernel Herald runs on). */
    public static final long CLOCK_TICKS = 100;

    /**
     * One stat file: the command or thread name (the kernel keeps 15 characters), its user and
     * system time in clock ticks (fields 14 and 15), and that of the children it has reaped (16, 17).
     */
    public record Times(String name, long ticks, long reapedChildrenTicks) {
    }

    private ProcStat() {
    }

    /** The stat file's times, or null when the process or thread is gone (or there is no /proc). */
    public static Times read(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException | RuntimeException gone) {
            return null;
        }
        return parse(line);
    }

    static Times parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        // the name (field 2) may hold spaces and parentheses: the fields after it start past the last ')'
        String[] f = line.substring(close + 2).trim().split(" ");
        // field 14 is f[11] once pid and name are cut off
        return new Times(line.substring(open + 1, close), Long.parseLong(f[11]) + Long.parseLong(f[12]),
                Long.parseLong(f[13]) + Long.parseLong(f[14]));
    }
}
