package dev.herald.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A minimal client of Herald's API, as any REST client would call it. */
final class Api {
    record Answer(int status, String contentType, String body) {
        JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }
    }

    private final HttpClient http;
    private final String base;
    private final String token;

    /** The server's root URL, as Arquillian gives it, without a trailing slash. */
    static String root(java.net.URL base) {
        return base.toString().replaceAll("/+$", "");
    }

    /** A client of {@code /api/v1} on the deployment at {@code base}. */
    static Api at(java.net.URL base, String token) {
        return new Api(root(base) + "/api/v1", token);
    }

    /**
     * A client with the JDK's defaults, as a REST client would have them: it asks plain-HTTP
     * servers to upgrade to HTTP/2, which Herald declines (its listener is HTTP/1.1 only).
     */
    Api(String base, String token) {
        this(base, token, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    private Api(String base, String token, HttpClient http) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
        this.http = http;
    }

    /**
     * A client that speaks HTTP/1.1 only, for a Payara Micro with its default listener (the
     * example application): that one accepts the upgrade to h2c and then keeps every stream that
     * carried a body until the connection closes (docs/platform-notes.md, fourteenth step).
     */
    static Api http11(String base, String token) {
        return new Api(base, token, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build());
    }

    Answer get(String path) {
        return send(builder(path).GET());
    }

    Answer post(String path, JsonStructure body) {
        return post(path, body.toString(), null);
    }

    Answer post(String path, String body, String idempotencyKey) {
        HttpRequest.Builder b = builder(path).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            b.header("idempotency-key", idempotencyKey);
        }
        return send(b);
    }

    /** A POST with the given Content-Type (none when null) and extra header pairs. */
    Answer postAs(String path, String contentType, String body, String... headerPairs) {
        HttpRequest.Builder b = builder(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("content-type", contentType);
        }
        for (int i = 0; i < headerPairs.length; i += 2) {
            b.header(headerPairs[i], headerPairs[i + 1]);
        }
        return send(b);
    }

    Answer method(String method, String path, String body) {
        return send(builder(path).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    Api withToken(String other) {
        return new Api(base, other, http);
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        return b;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
