package dev.herald.bench;

import static dev.herald.it.Directories.deleteRecursively;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Herald against a plain signing loop, on the same loopback receiver, in the same run.
 *
 * <ol>
 * <li>Throughput: N messages through Herald's API by C concurrent clients, counted until the
 * receiver has them all; then the same N payloads signed and posted straight to the receiver
 * by C workers with the JDK's HttpClient. The ratio Herald ÷ plain is the figure that matters:
 * absolute numbers on a shared machine mislead.</li>
 * <li>Steady load: messages at a fixed rate; ingest-to-receipt latency p50 and p99.</li>
 * <li>Backlog: the endpoint paused over JMX while B messages are accepted, then resumed; drain
 * time and the heap Herald used meanwhile.</li>
 * </ol>
 * Run with {@code mvn -Pbenchmark verify}; sizes by {@code -Dbench.messages}, {@code
 * -Dbench.concurrency}, {@code -Dbench.rate}, {@code -Dbench.seconds}, {@code -Dbench.backlog}.
 */
public final class Benchmark {
    private static final String TOKEN = "bench-token";
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final String PAD = "x".repeat(400);
    private static final boolean PG_STATEMENTS = Boolean.getBoolean("bench.pgStatements");

    private final Map<Integer, Long> receivedAt = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer receiver;
    private Process herald;
    private String api;
    /** Set when the benchmark runs on PostgreSQL ({@code -Dbench.database=postgresql}). */
    private dev.herald.prod.LocalPostgres postgres;

    public static void main(String[] args) throws Exception {
        // This JVM starts with jvm.options, as Herald does, and has no start-up to protect from C2:
        // the plain loop gets the same compilers as Herald (dev.herald.platform.jit.OptimizingCompiler).
        dev.herald.platform.jit.OptimizingCompiler.release();
        new Benchmark().run(Integer.getInteger("bench.messages", 3000), Integer.getInteger("bench.concurrency", 16),
                Integer.getInteger("bench.rate", 200), Integer.getInteger("bench.seconds", 15),
                Integer.getInteger("bench.backlog", 20000));
        System.exit(0);
    }

    void run(int messages, int concurrency, int rate, int seconds, int backlog) throws Exception {
        startReceiver();
        int port = freePort();
        int jmxPort = freePort();
        // One directory, emptied at each run: a run stopped with Ctrl-C leaves nothing to pile up.
        Path data = Path.of("target", "bench-data").toAbsolutePath();
        deleteRecursively(data);
        Files.createDirectories(data);
        if ("postgresql".equals(System.getProperty("bench.database", "h2"))) {
            // -Dbench.pgStatements=true: what Herald asks of it per message, at pg_stat_statements's small cost
            postgres = dev.herald.prod.LocalPostgres.start(freePort(), PG_STATEMENTS
                    ? "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all" : "");
        }
        long startNanos = System.nanoTime();
        herald = startHerald(data, port, jmxPort, concurrency);
        try {
            api = "http://127.0.0.1:" + port + "/api/v1";
            awaitReady(port);
            double readySeconds = (System.nanoTime() - startNanos) / 1e9;
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            post("/app", "{\"name\":\"Bench\",\"uid\":\"bench\"}");
            String endpoint = field(post("/app/bench/endpoint", "{\"url\":\"" + hook + "\",\"retrySchedule\":[0,1,1]}"), "id");
            String secret = field(get("/app/bench/endpoint/" + endpoint + "/secret"), "key");
            // the JITs' work by their compiler threads' CPU clocks, which count a compilation while it runs
            CompilerCpu heraldJitMillis = new CompilerCpu(herald.pid(), () -> heraldCompileMillis(jmxPort));
            CompilerCpu ownJitMillis = new CompilerCpu(ProcessHandle.current().pid(), Benchmark::ownCompileMillis);

            long firstSent = System.nanoTime();
            send(5_000_000);
            awaitReceipts(5_000_000, 1, Duration.ofMinutes(1));
            System.out.printf("%nStart: /api/v1/health answered 204 after %.1f s (target 15 s); the first message after that"
                    + " arrived %d ms after it was sent (target 1000)%n", readySeconds,
                    (receivedAt.get(5_000_000) - firstSent) / 1_000_000);
            System.out.printf("%nHerald benchmark: %d messages, %d clients, %d cores, %s, %s%n", messages, concurrency,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                    postgres == null ? "H2 file database" : "PostgreSQL (local, same machine)");
            // Warm-up, in rounds until the benchmark's own JIT has gone quiet. The harness shares
            // the two cores with Herald: when its C2 was still compiling during Herald's phase, it
            // took 40 % of the harness's CPU then (async-profiler) and none during the plain loop's,
            // which runs later. The plain loop's rounds compile the signing client and the receiver;
            // Herald's rounds compile the client's side of Payara's answers, and warm Herald (JIT,
            // pools, caches).
            int warm = Math.min(2000, messages);
            int plainRounds = warmUntilQuiet(r -> plainLoop(warm, concurrency, secret, hook, 6_000_000 + r * warm),
                    null, ownJitMillis, null, warm);
            // Herald's rounds also wait for Herald's own JIT to go quiet: what is measured next is
            // its steady state, as a server that has run for a while has it. With C2 that takes
            // some 100,000 messages on two cores; each round prints Herald's CPU per message, so
            // the warm-up's cost is in the output too. Before each round it reads Herald's threads
            // over JMX, as the measured phase does: read only there, Herald's JIT compiled that
            // code (RMI, the thread MXBean) during the phase, 220 ms of it.
            int heraldRounds = warmUntilQuiet(r -> throughputThroughHerald(warm, concurrency, r * warm),
                    r -> settledThreadRead(jmxPort),
                    () -> ownJitMillis.read() + heraldJitMillis.read(), () -> heraldCpuNanos(jmxPort), warm);
            // the JIT clocks outside the CPU clocks: a JMX read costs Herald CPU of its own
            ThreadCpu.Reading threadsBefore = settledThreadRead(jmxPort);
            long heraldJit = heraldJitMillis.read();
            long harnessJit = ownJitMillis.read();
            long heraldCpu = heraldCpuNanos(jmxPort);
            long harnessCpu = ownCpuNanos();
            long databaseCpu = databaseCpuNanos();
            Result viaHerald = throughputThroughHerald(messages, concurrency, 1_000_000);
            databaseCpu = databaseCpuNanos() - databaseCpu;
            harnessCpu = ownCpuNanos() - harnessCpu;
            heraldCpu = heraldCpuNanos(jmxPort) - heraldCpu;
            harnessJit = ownJitMillis.read() - harnessJit;
            heraldJit = heraldJitMillis.read() - heraldJit;
            ThreadCpu.Reading threadsAfter = ThreadCpu.read(jmxPort);
            // The plain loop warms again until the harness's JIT is quiet: Herald's rounds gave its
            // HTTP client other profiles, and C2 recompiling during the plain phase made the
            // baseline slower than it is.
            int plainAgain = warmUntilQuiet(r -> plainLoop(warm, concurrency, secret, hook, 8_000_000 + r * warm),
                    null, ownJitMillis, null, warm);
            // ... and is measured again while its JIT still ran for more than 2 % of the phase
            // (at most 5 times): the baseline is the plain loop at its best, not while C2 compiles.
            Result plain = null;
            long benchCpu = 0;
            long plainJit = 0;
            int plainRuns = 0;
            while (plainRuns < 5 && (plain == null || plainJit >= plain.millis() / 50)) {
                plainJit = ownJitMillis.read();
                benchCpu = ownCpuNanos();
                plain = plainLoop(messages, concurrency, secret, hook, 20_000_000 + plainRuns * 1_000_000);
                benchCpu = ownCpuNanos() - benchCpu;
                plainJit = ownJitMillis.read() - plainJit;
                plainRuns++;
            }
            System.out.printf("Throughput  Herald: %8.1f msg/s  (ingest->receipt p50 %d ms, p99 %d ms under saturation)%n",
                    viaHerald.perSecond, viaHerald.p50, viaHerald.p99);
            System.out.printf("Throughput  plain : %8.1f msg/s  (JDK HttpClient, sign + POST, same receiver)%n",
                    plain.perSecond);
            System.out.printf("Ratio Herald / plain: %.2f  (target >= %s)%n", viaHerald.perSecond / plain.perSecond,
                    postgres == null ? "0.25 on H2" : "0.2 on PostgreSQL");
            System.out.printf("CPU per message: Herald %.3f ms (its process, API to receipt; its compiler threads ran %d ms"
                    + " of that phase); plain loop %.3f ms (sender and receiver together; its compiler threads ran %d ms then,"
                    + " after %d more warm-up rounds; measured %d time(s) until its JIT was quiet)%n",
                    heraldCpu / 1e6 / messages, heraldJit, benchCpu / 1e6 / messages, plainJit, plainAgain, plainRuns);
            if (postgres != null) {
                // on H2 the database is inside Herald's process; PostgreSQL's own processes share the cores too
                System.out.printf("CPU per message while Herald was measured: PostgreSQL %.3f ms (its server's processes)%n",
                        databaseCpu / 1e6 / messages);
            }
            System.out.println("Herald's CPU per message by thread while it was measured (its threads' own clocks):"
                    + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ",
                            ThreadCpu.perMessage(threadsBefore, threadsAfter, messages, 14)));
            // The two cores are shared: what the clients and the receiver spend while Herald is
            // measured is CPU Herald cannot have, so it is printed beside Herald's own.
            System.out.printf("CPU per message while Herald was measured: the benchmark's clients and receiver %.3f ms"
                    + " (its compiler threads ran %d ms then; warm-up took %d plain and %d Herald rounds of %d)%n",
                    harnessCpu / 1e6 / messages, harnessJit, plainRounds, heraldRounds, warm);

            if (postgres != null && PG_STATEMENTS) {
                // A further run of the same size, apart from the measured one: reading the
                // database's counters needs Herald quiet for a moment before and after.
                DatabaseWork work = new DatabaseWork(postgres.jdbcUrl());
                DatabaseWork.Reading before = work.read();
                throughputThroughHerald(messages, concurrency, 9_000_000);
                System.out.println("PostgreSQL's work for another " + messages + " messages through Herald, "
                        + String.join(System.lineSeparator() + "  ", work.read().since(before, messages, 12)));
            }
            // over the whole run so far: the warm-up's rounds are most of it
            try {
                System.out.println("Herald's writers so far: " + heraldString(jmxPort, "herald:type=Delivery", "WriteBatches"));
            } catch (javax.management.AttributeNotFoundException olderJar) {
                // -Dbench.jar of a build from before the attribute
            }

            sequential(300, 7_000_000);

            long steadyCpu = heraldCpuNanos(jmxPort);
            Result steady = steadyRate(rate, seconds, 3_000_000);
            steadyCpu = heraldCpuNanos(jmxPort) - steadyCpu;
            System.out.printf("Steady %d msg/s for %d s: delivered %d/%d, ingest->receipt p50 %d ms, p99 %d ms (target p99 < 100);"
                    + " Herald CPU %.3f ms per message%n",
                    rate, seconds, steady.delivered, steady.sent, steady.p50, steady.p99, steadyCpu / 1e6 / steady.sent);

            backlog(backlog, endpoint, jmxPort, 4_000_000);
        } finally {
            herald.destroy();
            herald.waitFor(30, TimeUnit.SECONDS);
            receiver.stop(0);
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    record Result(int sent, int delivered, double perSecond, long p50, long p99) {
        /** From the first send to the last receipt. */
        long millis() {
            return Math.round(sent / perSecond * 1000);
        }
    }

    /**
     * One client that sends a message, waits for its 202, sends the next: how an application
     * calls an SDK from its own request threads. Its rate is the 202's round trip, whatever the
     * machine's spare capacity.
     */
    private void sequential(int n, int base) throws Exception {
        long[] took = new long[n];
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            send(base + i);
            took[i] = System.nanoTime() - t;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(took);
        System.out.printf("One client, one message at a time: %d creates in %.2f s = %.0f msg/s (202 after p50 %.1f ms,"
                + " p99 %.1f ms)%n", n, seconds, n / seconds, took[n / 2] / 1e6, took[n * 99 / 100] / 1e6);
        awaitReceipts(base, n, Duration.ofMinutes(1));
    }

    private Result throughputThroughHerald(int n, int concurrency, int base) throws Exception {
        long[] sentAt = new long[n];
        long start = System.nanoTime();
        parallel(n, concurrency, i -> {
            sentAt[i] = System.nanoTime();
            send(base + i);
        });
        awaitReceipts(base, n, Duration.ofMinutes(5));
        long end = lastReceipt(base, n);
        return result(n, base, sentAt, start, end);
    }

    private Result plainLoop(int n, int concurrency, String secret, String hook, int base) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        long[] sentAt = new long[n];
        long start = System.nanoTime();
        parallel(n, concurrency, i -> {
            sentAt[i] = System.nanoTime();
            String body = payload(base + i);
            String id = "msg_plain_" + (base + i);
            long ts = System.currentTimeMillis() / 1000;
            HttpRequest request = HttpRequest.newBuilder(URI.create(hook)).timeout(Duration.ofSeconds(15))
                    .header("content-type", "application/json").header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(ts))
                    .header("webhook-signature", sign(key, id + "." + ts + "." + body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            http.send(request, HttpResponse.BodyHandlers.discarding());
        });
        awaitReceipts(base, n, Duration.ofMinutes(5));
        return result(n, base, sentAt, start, lastReceipt(base, n));
    }

    private Result steadyRate(int rate, int seconds, int base) throws Exception {
        int n = rate * seconds;
        long[] sentAt = new long[n];
        long intervalNanos = 1_000_000_000L / rate;
        ExecutorService senders = Executors.newFixedThreadPool(32);
        long start = System.nanoTime();
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int seq = i;
            senders.submit(() -> {
                sentAt[seq] = System.nanoTime();
                try {
                    send(base + seq);
                } catch (Exception e) {
                    System.out.println("send failed: " + e);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        senders.shutdown();
        awaitReceipts(base, n, Duration.ofMinutes(2));
        return result(n, base, sentAt, start, lastReceipt(base, n));
    }

    private void backlog(int n, String endpoint, int jmxPort, int base) throws Exception {
        try (JMXConnector jmx = heraldJmx(jmxPort)) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            ObjectName delivery = new ObjectName("herald:type=Delivery");
            ObjectName memory = new ObjectName("java.lang:type=Memory");
            server.invoke(delivery, "pauseEndpoint", new Object[] {endpoint}, new String[] {String.class.getName()});
            long ingestStart = System.nanoTime();
            parallel(n, 16, i -> send(base + i));
            double ingestSeconds = (System.nanoTime() - ingestStart) / 1e9;
            server.invoke(memory, "gc", null, null);
            long heapBefore = heapUsed(server, memory);
            AtomicLong peak = new AtomicLong(heapBefore);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        peak.accumulateAndGet(heapUsed(server, memory), Math::max);
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        // the sample is skipped
                    }
                }
            });
            sampler.start();
            long drainStart = System.nanoTime();
            server.invoke(delivery, "resumeEndpoint", new Object[] {endpoint}, new String[] {String.class.getName()});
            awaitReceipts(base, n, Duration.ofMinutes(30));
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            sampler.interrupt();
            long max = ((Long) ((CompositeData) server.getAttribute(memory, "HeapMemoryUsage")).get("max"));
            System.out.printf("Backlog of %d (accepted in %.1f s while the endpoint was paused): drained in %.1f s"
                    + " = %.0f msg/s; heap used %d MB after ingest, peak %d MB while draining (max heap %d MB)%n",
                    n, ingestSeconds, drainSeconds, n / drainSeconds, heapBefore >> 20, peak.get() >> 20, max >> 20);
        }
    }

    /** PostgreSQL's CPU time when the benchmark runs on it, else 0 (H2 runs in Herald's process). */
    private long databaseCpuNanos() {
        return postgres == null ? 0 : postgres.cpuNanos();
    }

    /** The Herald process's CPU time (all threads, user and system), read over JMX. */
    private static long heraldCpuNanos(int jmxPort) throws Exception {
        return heraldLong(jmxPort, "java.lang:type=OperatingSystem", "ProcessCpuTime");
    }

    private static String heraldString(int jmxPort, String mbean, String attribute) throws Exception {
        return String.valueOf(heraldAttribute(jmxPort, mbean, attribute));
    }

    private static long heraldLong(int jmxPort, String mbean, String attribute) throws Exception {
        return (Long) heraldAttribute(jmxPort, mbean, attribute);
    }

    private static Object heraldAttribute(int jmxPort, String mbean, String attribute) throws Exception {
        try (JMXConnector jmx = heraldJmx(jmxPort)) {
            return jmx.getMBeanServerConnection().getAttribute(new ObjectName(mbean), attribute);
        }
    }

    /** A connection to Herald's JMX on loopback; the caller closes it. */
    static JMXConnector heraldJmx(int jmxPort) throws java.io.IOException {
        return JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"));
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    interface Round {
        void run(int round) throws Exception;
    }

    /** A reading that only grows: a JIT's milliseconds, a process's CPU nanoseconds. */
    interface Counter {
        long read() throws Exception;
    }

    /**
     * Runs warm-up rounds until two in a row each cost the JITs that {@code jitMillis} sums less
     * than 2 % of their length (at most {@code -Dbench.warmRounds}, 150): answers how many ran.
     * One quiet round can be a lull between compilations.
     */
    private static int warmUntilQuiet(Round round, Round before, Counter jitMillis, Counter cpuNanos, int perRound)
            throws Exception {
        int max = Integer.getInteger("bench.warmRounds", 150);
        int quiet = 0;
        for (int r = 0; r < max; r++) {
            if (before != null) {
                before.run(r); // outside the round's clocks
            }
            long compiled = jitMillis.read();
            long cpu = cpuNanos == null ? 0 : cpuNanos.read();
            long start = System.nanoTime();
            round.run(r);
            long millis = (System.nanoTime() - start) / 1_000_000;
            long jit = jitMillis.read() - compiled;
            if (cpuNanos != null) {
                // the curve of the warm-up: how Herald's CPU per message falls as its JIT catches up
                System.out.printf("  warm-up round %d: %d ms, JIT %d ms, Herald CPU %.3f ms per message%n", r + 1, millis,
                        jit, (cpuNanos.read() - cpu) / 1e6 / perRound);
            }
            quiet = jit < millis / 50 ? quiet + 1 : 0;
            if (quiet == 2) {
                return r + 1;
            }
        }
        return max;
    }

    /**
     * Herald's threads' CPU clocks over JMX, then half a second for Herald to finish with the
     * call: the read costs Herald 0.1-0.2 s of CPU (RMI, some 300 threads), partly after it
     * has answered, which the measured phase's clocks must not count.
     */
    private static ThreadCpu.Reading settledThreadRead(int jmxPort) throws Exception {
        ThreadCpu.Reading reading = ThreadCpu.read(jmxPort);
        Thread.sleep(500);
        return reading;
    }

    /** Milliseconds Herald's JIT compilers have spent so far, read over JMX. */
    private static long heraldCompileMillis(int jmxPort) throws Exception {
        return heraldLong(jmxPort, "java.lang:type=Compilation", "TotalCompilationTime");
    }

    /** Milliseconds the benchmark's own JIT compilers have spent so far. */
    private static long ownCompileMillis() {
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static long heapUsed(MBeanServerConnection server, ObjectName memory) throws Exception {
        return (Long) ((CompositeData) server.getAttribute(memory, "HeapMemoryUsage")).get("used");
    }

    // --- plumbing ------------------------------------------------------------------------------

    private Result result(int n, int base, long[] sentAt, long start, long end) {
        long[] latencies = new long[n];
        int delivered = 0;
        for (int i = 0; i < n; i++) {
            Long at = receivedAt.get(base + i);
            if (at != null) {
                latencies[delivered++] = (at - sentAt[i]) / 1_000_000;
            }
        }
        long[] sorted = Arrays.copyOf(latencies, delivered);
        Arrays.sort(sorted);
        long p50 = delivered == 0 ? -1 : sorted[(int) (delivered * 0.50)];
        long p99 = delivered == 0 ? -1 : sorted[Math.min(delivered - 1, (int) (delivered * 0.99))];
        return new Result(n, delivered, n / ((end - start) / 1e9), p50, p99);
    }

    private long lastReceipt(int base, int n) {
        long last = 0;
        for (int i = 0; i < n; i++) {
            last = Math.max(last, receivedAt.getOrDefault(base + i, 0L));
        }
        return last;
    }

    private void awaitReceipts(int base, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (int i = n - 1; i >= 0; i--) {
                if (!receivedAt.containsKey(base + i)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return;
            }
            Thread.sleep(20);
        }
        System.out.println("timed out waiting for receipts from " + base);
    }

    interface Task {
        void run(int i) throws Exception;
    }

    private static void parallel(int n, int threads, Task task) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    try {
                        task.run(i);
                    } catch (Exception e) {
                        System.out.println("request " + i + " failed: " + e);
                    }
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    private static String payload(int seq) {
        return "{\"seq\":" + seq + ",\"type\":\"candidate.created\",\"pad\":\"" + PAD + "\"}";
    }

    private void send(int seq) throws Exception {
        try {
            sendOnce(seq);
        } catch (IOException closedUnderUs) {
            sendOnce(seq); // a kept-alive connection closed as the request went out: as an SDK does, once more
        }
    }

    private void sendOnce(int seq) throws Exception {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(api + "/app/bench/msg"))
                .header("authorization", "Bearer " + TOKEN).header("content-type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"eventType\":\"candidate.created\",\"payload\":" + payload(seq) + "}"))
                .build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("ingest answered " + r.statusCode());
        }
    }

    private static String sign(byte[] key, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }

    private void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        receiver.setExecutor(Executors.newFixedThreadPool(64));
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = SEQ.matcher(body);
            if (m.find()) {
                receivedAt.putIfAbsent(Integer.parseInt(m.group(1)), System.nanoTime());
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    private Process startHerald(Path data, int port, int jmxPort, int concurrency) throws IOException {
        List<String> options = new ArrayList<>();
        // more JVM options to compare, e.g. -Dbench.jvm="-XX:+UseParallelGC"; later ones win
        for (String option : System.getProperty("bench.jvm", "").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        String jfr = System.getProperty("bench.jfr", "");
        if (!jfr.isBlank()) {
            // a CPU profile of Herald for the whole run: -Dbench.jfr=target/bench.jfr
            options.add("-XX:FlightRecorderOptions=stackdepth=256");
            options.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
        }
        // Payara Micro unpacks its runtime (176 MB) into the temporary directory and deletes it
        // only when it stops in good order: kept in the data directory, which each run empties.
        Path tmp = Files.createDirectories(data.resolve("tmp"));
        options.add("-Djava.io.tmpdir=" + tmp);
        options.addAll(List.of("-Dcom.sun.management.jmxremote.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort, "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1", "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false"));
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        line.addAll(dev.herald.it.JarProcess.heraldArgs(options, dev.herald.it.JarProcess.HERALD_JAR, "--port",
                Integer.toString(port)));
        ProcessBuilder pb = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(new File("target/bench-herald.log"));
        pb.environment().put("HERALD_DATA_DIR", data.toString());
        pb.environment().put("HERALD_API_TOKEN", TOKEN);
        pb.environment().put("HERALD_TARGETS_ALLOW", "127.0.0.1/32");
        pb.environment().put("HERALD_DELIVERY_ENDPOINT_CONCURRENCY", Integer.toString(concurrency));
        if (postgres != null) {
            // driver settings to compare, e.g. -Dbench.dbUrlParams=?reWriteBatchedInserts=false
            pb.environment().put("HERALD_DB_URL", postgres.jdbcUrl() + System.getProperty("bench.dbUrlParams", ""));
            pb.environment().put("HERALD_DB_USER", "herald");
            pb.environment().put("HERALD_DB_PASSWORD", "herald");
            pb.environment().put("HERALD_SECRETS_KEY", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        } else if (!System.getProperty("bench.dbUrlParams", "").isEmpty()) {
            // the embedded default's URL with more settings, e.g. -Dbench.dbUrlParams=;RETENTION_TIME=0 (H2 refuses one of its own with another value)
            pb.environment().put("HERALD_DB_URL", dev.herald.platform.db.HeraldDriver.embeddedH2(data.toString())
                    + System.getProperty("bench.dbUrlParams"));
        }
        return pb.start();
    }

    private void awaitReady(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 204) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Herald did not start; see target/bench-herald.log");
    }

    private String post(String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + path))
                .header("authorization", "Bearer " + TOKEN).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api + path)).header("authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
