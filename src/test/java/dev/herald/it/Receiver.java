package dev.herald.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver on loopback. Every request is recorded with its headers and raw body. The
 * path says how to answer:
 * <ul>
 * <li>{@code /status/NNN/…} answers NNN;</li>
 * <li>{@code /flaky/N/…} answers 503 to the first N requests at that path, then 200;</li>
 * <li>{@code /retry-after/S/…} answers 429 with {@code Retry-After: S} once, then 200;</li>
 * <li>{@code /slow/MS/…} waits MS milliseconds, then answers 200;</li>
 * <li>{@code /switch/NAME/…} answers 500 while NAME is in {@link #broken}, else 200 (a receiver
 * that a test breaks and fixes);</li>
 * <li>anything else: 200.</li>
 * </ul>
 */
final class Receiver implements AutoCloseable {
    record Request(String method, String path, Map<String, List<String>> headers, String body,
            long receivedAtMillis) {
        Request(String method, String path, Map<String, List<String>> headers, String body) {
            this(method, path, headers, body, System.currentTimeMillis());
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    final java.util.Set<String> broken = ConcurrentHashMap.newKeySet();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
            int seen = counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            String[] parts = path.split("/");
            int status = 200;
            if (parts.length > 2) {
                switch (parts[1]) {
                    case "status" -> status = Integer.parseInt(parts[2]);
                    case "switch" -> status = broken.contains(parts[2]) ? 500 : 200;
                    case "flaky" -> status = seen <= Integer.parseInt(parts[2]) ? 503 : 200;
                    case "retry-after" -> {
                        if (seen == 1) {
                            status = 429;
                            exchange.getResponseHeaders().add("Retry-After", parts[2]);
                        }
                    }
                    case "slow" -> {
                        try {
                            Thread.sleep(Long.parseLong(parts[2]));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    default -> {
                    }
                }
            }
            byte[] answer = ("answer from " + path).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Request> at(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
