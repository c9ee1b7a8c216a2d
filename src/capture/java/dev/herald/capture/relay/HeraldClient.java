package dev.herald.capture.relay;

import dev.herald.capture.outbox.PendingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Herald's public API as the relay uses it: {@code POST /api/v1/app/{app}/msg} with the row's
 * {@code eventId}, and {@code POST /api/v1/event-type}. Answers what became of each call, never
 * throws for a failure Herald or the network can cause.
 */
@ApplicationScoped
public class HeraldClient {
    static final JsonProvider JSON = JsonProvider.provider();

    /** What an answer means for the row. */
    public enum Verdict {
        /** Herald has the message now (202, or 201 for an event type). */
        DELIVERED,
        /** Herald had it already (409 for this eventId): posted before a crash, or by another instance. */
        ALREADY_THERE,
        /** The tenant has no application in Herald: nobody to deliver to (as capture always did). */
        NO_APPLICATION,
        /** Herald refused this event for good (422, 400, 413): retrying cannot help. */
        REFUSED,
        /** Herald is down, busy, or the relay is misconfigured (401, 403): try again later. */
        UNAVAILABLE
    }

    public record Answer(Verdict verdict, String detail) {
    }

    @Inject
    RelaySettings settings;

    /**
     * HTTP/1.1: with its defaults the JDK's client asks an {@code http://} server to switch to
     * HTTP/2, and Payara Micro keeps every HTTP/2 stream that carried a body until the connection
     * closes, so the relay's one long-lived connection would fill Herald's heap.
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public Answer post(PendingEvents.Event event) {
        StringBuilder body = new StringBuilder("{\"eventType\":").append(JSON.createValue(event.eventType()))
                .append(",\"eventId\":").append(JSON.createValue(event.eventId()))
                .append(",\"payload\":").append(event.payload());
        if (event.endpointUrls() != null) {
            body.append(",\"endpointUrls\":").append(event.endpointUrls());
        }
        body.append('}');
        String path = "/app/" + URLEncoder.encode(event.application(), StandardCharsets.UTF_8).replace("+", "%20") + "/msg";
        return send(path, body.toString(), false);
    }

    /** Registers an event type; one that exists already is left as Herald's operator made it. */
    public Answer registerEventType(JsonObject type) {
        return send("/event-type", type.toString(), true);
    }

    private Answer send(String path, String body, boolean eventType) {
        String base = settings.heraldUrl().orElse(null);
        if (base == null) {
            return new Answer(Verdict.UNAVAILABLE, "herald.url is not configured");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1" + path))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        settings.token().ifPresent(t -> request.header("authorization", "Bearer " + t));
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return classify(answer.statusCode(), answer.body(), eventType);
        } catch (IOException e) {
            return new Answer(Verdict.UNAVAILABLE, "Herald unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Verdict.UNAVAILABLE, "interrupted");
        }
    }

    /** Plain Java: what Herald's answer means. */
    static Answer classify(int status, String body, boolean eventType) {
        String detail = status + " " + detail(body);
        if (status >= 200 && status < 300) {
            return new Answer(Verdict.DELIVERED, detail);
        }
        if (status == 409) {
            return new Answer(Verdict.ALREADY_THERE, detail);
        }
        if (status == 404 && !eventType && detail(body).startsWith("Application '")) {
            return new Answer(Verdict.NO_APPLICATION, detail);
        }
        if (status == 400 || status == 413 || status == 422) {
            return new Answer(Verdict.REFUSED, detail);
        }
        // 401/403 (token), 404 without Herald's word for it (a wrong URL), 408, 429, 5xx
        return new Answer(Verdict.UNAVAILABLE, detail);
    }

    /** A problem document's detail (Herald's and Svix's both carry one), else the body's start. */
    static String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try (var reader = JSON.createReader(new StringReader(body))) {
            JsonObject problem = reader.readObject();
            if (problem.get("detail") instanceof jakarta.json.JsonString text) {
                return text.getString();
            }
        } catch (RuntimeException notJson) {
            // fall through
        }
        return body.length() > 300 ? body.substring(0, 300) : body;
    }
}
