package dev.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} in the middle of a stream: Herald (the packaged jar, on its embedded H2 and
 * broker) is killed while messages are being accepted and delivered, then started again on the
 * same data directory. Every message that was answered 202 must reach the receiver; duplicates
 * are allowed (at least once) and counted.
 */
class CrashRecoveryIT {
    static final String TOKEN = "crash-token";

    private Process herald;
    private HttpServer receiver;

    @AfterEach
    void stop() {
        if (herald != null) {
            herald.destroyForcibly();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void everyAcceptedMessageIsDeliveredAfterAKill9() throws Exception {
        // The receiver refuses every message's first attempt (503) and is a little slow, so at the
        // moment of the kill there are attempts in flight and retries waiting in the broker.
        Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (tries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() == 1) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        receiver.start();

        Path data = Path.of(System.getProperty("herald.crashDataDir", "target/crash-data"));
        Directories.deleteRecursively(data);
        int port = freePort();
        String api = "http://127.0.0.1:" + port + "/api/v1";
        herald = start(data, port, "first");
        awaitReady(port);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        post(http, api + "/app", "{\"name\":\"Crash\",\"uid\":\"crash\"}");
        post(http, api + "/app/crash/endpoint", Json.createObjectBuilder()
                .add("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")
                .add("retrySchedule", Json.createArrayBuilder().add(0).add(1).add(2).add(4).add(8)).build().toString());

        // Four clients send until the server dies under them; only 202s count as accepted.
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger seq = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int c = 0; c < 4; c++) {
            clients.submit(() -> {
                while (sending.get()) {
                    int n = seq.incrementAndGet();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/app/crash/msg"))
                                .header("authorization", "Bearer " + TOKEN).header("content-type", "application/json")
                                .timeout(Duration.ofSeconds(10))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"eventType\":\"crash.test\",\"payload\":{\"n\":" + n + "}}"))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 202) {
                            accepted.add(Json.createReader(new java.io.StringReader(r.body())).readObject().getString("id"));
                        }
                    } catch (IOException e) {
                        // the server is gone: this message's fate is unknown to the client, so it is not counted
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (accepted.size() < 300 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        herald.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush
        herald.waitFor(30, TimeUnit.SECONDS);
        Thread.sleep(500);
        sending.set(false);
        clients.shutdown();
        clients.awaitTermination(30, TimeUnit.SECONDS);
        int acceptedBeforeKill = accepted.size();
        int deliveredBeforeRestart = (int) accepted.stream().filter(received::containsKey).count();
        assertTrue(acceptedBeforeKill >= 300, "the stream did not get going: " + acceptedBeforeKill);
        assertTrue(deliveredBeforeRestart < acceptedBeforeKill, "the kill came when nothing was left to deliver");

        herald = start(data, port, "second");
        awaitReady(port);
        long restartDeadline = System.currentTimeMillis() + 120_000;
        while (!received.keySet().containsAll(accepted) && System.currentTimeMillis() < restartDeadline) {
            Thread.sleep(200);
        }
        List<String> missing = accepted.stream().filter(id -> !received.containsKey(id)).sorted().toList();
        long duplicates = received.values().stream().mapToInt(AtomicInteger::get).filter(n -> n > 1).map(n -> n - 1).sum();
        System.out.printf("kill -9 recovery: %d accepted before the kill, %d of them delivered before the restart, "
                + "%d missing after it, %d duplicate deliveries%n", acceptedBeforeKill, deliveredBeforeRestart,
                missing.size(), duplicates);
        assertEquals(0, missing.size(), "accepted (202) but never delivered, e.g. "
                + missing.subList(0, Math.min(5, missing.size())));
    }

    private Process start(Path data, int port, String name) throws IOException {
        File log = new File("target/crash-herald-" + name + ".log");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JarProcess.heraldArgs(List.of(), JarProcess.HERALD_JAR, "--port", Integer.toString(port), "--nohazelcast"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        pb.environment().put("HERALD_DATA_DIR", data.toAbsolutePath().toString());
        pb.environment().put("HERALD_API_TOKEN", TOKEN);
        pb.environment().put("HERALD_TARGETS_ALLOW", "127.0.0.1/32");
        pb.environment().put("HERALD_SWEEPER_INTERVAL_SECONDS", "2");
        pb.environment().put("HERALD_SWEEPER_GRACE_SECONDS", "5");
        return pb.start();
    }

    private void awaitReady(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 300_000;
        while (System.currentTimeMillis() < deadline) {
            if (!herald.isAlive()) {
                throw new AssertionError("Herald exited with " + herald.exitValue() + "; see target/crash-herald-*.log");
            }
            try {
                // MicroProfile Health may say UP a moment before the API is mapped: wait for both.
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200 && ready.body().contains("\"UP\"") && api.statusCode() == 204) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Herald not ready within 300 s");
    }

    private static void post(HttpClient http, String url, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("authorization", "Bearer " + TOKEN)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
