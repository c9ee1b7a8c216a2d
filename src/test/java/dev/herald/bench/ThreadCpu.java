package dev.herald.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.remote.JMXConnector;

/**
 * Herald's CPU by thread, read over JMX before and after a phase: where a message's CPU goes,
 * stage by stage (request threads, writers, delivery threads, the broker's), without a profiler.
 * Each thread's own clock counts only its own time, so it moves far less with other tenants'
 * load than throughput does; two readings cost Herald two JMX calls.
 */
final class ThreadCpu {
    /** One reading: per thread id, its group (its name without numbers) and its CPU time in ns. */
    record Reading(Map<Long, String> groups, Map<Long, Long> cpu) {
    }

    private ThreadCpu() {
    }

    static Reading read(int jmxPort) throws Exception {
        try (JMXConnector jmx = Benchmark.heraldJmx(jmxPort)) {
            com.sun.management.ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(
                    jmx.getMBeanServerConnection(), ManagementFactory.THREAD_MXBEAN_NAME, com.sun.management.ThreadMXBean.class);
            long[] ids = threads.getAllThreadIds();
            long[] cpu = threads.getThreadCpuTime(ids);
            ThreadInfo[] infos = threads.getThreadInfo(ids);
            Map<Long, String> groups = new HashMap<>();
            Map<Long, Long> times = new HashMap<>();
            for (int i = 0; i < ids.length; i++) {
                if (infos[i] != null && cpu[i] >= 0) {
                    groups.put(ids[i], group(infos[i].getThreadName()));
                    times.put(ids[i], cpu[i]);
                }
            }
            return new Reading(groups, times);
        }
    }

    /** A thread's name with its numbers taken out, so that a pool's threads count as one group. */
    static String group(String name) {
        return name.replaceAll("\\d+", "#").replaceAll("\\s+", " ").trim();
    }

    /**
     * The groups that spent most between the readings, in ms per message, the largest first, and
     * the rest together; threads that ended between the readings are not in it (their time with them).
     */
    static List<String> perMessage(Reading before, Reading after, int messages, int top) {
        Map<String, Long> spent = new HashMap<>();
        after.cpu().forEach((id, ns) -> spent.merge(after.groups().get(id), ns - before.cpu().getOrDefault(id, 0L), Long::sum));
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(spent.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        Map<String, Long> shown = new LinkedHashMap<>();
        long rest = 0;
        for (Map.Entry<String, Long> e : sorted) {
            if (shown.size() < top) {
                shown.put(e.getKey(), e.getValue());
            } else {
                rest += e.getValue();
            }
        }
        List<String> lines = new ArrayList<>();
        shown.forEach((name, ns) -> lines.add(String.format(Locale.ROOT, "%6.3f ms  %s", ns / 1e6 / messages, name)));
        lines.add(String.format(Locale.ROOT, "%6.3f ms  (all other threads)", rest / 1e6 / messages));
        return lines;
    }
}
