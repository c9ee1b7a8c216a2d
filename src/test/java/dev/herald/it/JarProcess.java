package dev.herald.it;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A Payara Micro process the test starts, stops ({@code SIGTERM}) or kills ({@code kill -9}), and
 * starts again with the same command: Herald's jar, or the example application's WAR on Payara
 * Micro of its own.
 */
public final class JarProcess implements AutoCloseable {
    /** The JVM options README runs Herald with, as a java argument file. */
    public static final String JVM_OPTIONS = "@" + Path.of("server-config", "jvm.options").toAbsolutePath();

    /**
     * The option that maps the class-data archive {@code mvn package} wrote beside this jar
     * ({@code herald.jsa}), as README's run command does; without one, a no-op option.
     */
    public static String classArchive(String jar) {
        Path archive = Path.of(jar).toAbsolutePath().resolveSibling("herald.jsa");
        return java.nio.file.Files.isRegularFile(archive) ? "-XX:SharedArchiveFile=" + archive : "-Xshare:auto";
    }

    /** The Herald jar the tests start: {@code -Dherald.jar}, else the one this build made. */
    public static final String HERALD_JAR = System.getProperty("herald.jar", "target/herald.jar");

    /**
     * What follows {@code java} to start Herald as README runs it: a 512 MB heap, README's JVM
     * options and the jar's class-data archive, then {@code moreJvmOptions} (later ones win),
     * the jar and its {@code args}.
     */
    public static List<String> heraldArgs(List<String> moreJvmOptions, String jar, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("-Xmx512m", JVM_OPTIONS, classArchive(jar)));
        all.addAll(moreJvmOptions);
        all.add("-jar");
        all.add(jar);
        all.addAll(List.of(args));
        return all;
    }

    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final URI probe;
    private final Predicate<HttpResponse<String>> ready;
    private Process process;
    private int starts;

    JarProcess(String name, List<String> args, Map<String, String> env, URI probe,
            Predicate<HttpResponse<String>> ready) {
        this.name = name;
        this.command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        this.command.addAll(args);
        this.env = env;
        this.probe = probe;
        this.ready = ready;
    }

    JarProcess start() throws IOException {
        starts++;
        File log = new File("target/" + name + "-" + starts + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        pb.environment().putAll(env);
        process = pb.start();
        return this;
    }

    /** What the current run has logged so far. */
    String log() throws IOException {
        return java.nio.file.Files.readString(Path.of("target/" + name + "-" + starts + ".log"));
    }

    /**
     * Waits until the probe answers as a deployed application does. Over HTTP/1.1: with its default
     * (HTTP/2) the JDK's client turns its first connection into an h2c one while Payara is still
     * booting and sends every later probe as a stream on it; a timed-out stream leaves that
     * connection in the pool, so a connection that stops being served is never replaced. Over
     * HTTP/1.1 a timed-out probe closes its connection and the next one starts afresh (the
     * capture library's relay pins HTTP/1.1 for Payara too). On failure, the last answer and a
     * thread dump of the process say what kept it from answering.
     */
    JarProcess awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "none sent";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "; see target/" + name + "-*.log");
            }
            var answer = http.sendAsync(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            try {
                // the request timeout covers the wait for the headers only: the body needs a deadline too
                HttpResponse<String> r = answer.get(15, java.util.concurrent.TimeUnit.SECONDS);
                if (ready.test(r)) {
                    return this;
                }
                last = r.version() + " " + r.statusCode() + " " + r.headers().firstValue("content-type").orElse("(no content type)");
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof IOException)) {
                    throw e;
                }
                last = e.getCause().toString(); // still starting
            } catch (java.util.concurrent.TimeoutException stalled) {
                answer.cancel(true);
                last = "no complete answer within 15 s";
            }
            Thread.sleep(500);
        }
        throw new AssertionError(name + " not ready within " + timeout + "; last probe: " + last + "; threads: "
                + threadDump() + "; see target/" + name + "-" + starts + ".log");
    }

    /** The process's threads (jcmd Thread.print) into target/, for a start that never answered. */
    private String threadDump() {
        Path dump = Path.of("target/" + name + "-" + starts + "-threads.txt");
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "Thread.print", "-l").redirectErrorStream(true)
                    .redirectOutput(dump.toFile()).start();
            return jcmd.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) ? dump.toString() : "jcmd did not finish";
        } catch (IOException e) {
            return "none (" + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "none (interrupted)";
        }
    }

    /** SIGTERM: Payara shuts down in order. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** SIGKILL: no shutdown hooks, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
