package dev.herald.delivery.control;

import dev.herald.platform.Times;
import dev.herald.signing.StandardWebhooksSigner;
import dev.herald.subscription.control.TargetPolicy;
import dev.herald.subscription.control.UrlGuard;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Sends one signed attempt with the JDK's HttpClient. Redirects are not followed (a 3xx is a
 * failure that says so), the target is checked again right before sending, and only the first
 * KiB of the answer is kept.
 */
@ApplicationScoped
public class WebhookSender {
    static final int RESPONSE_EXCERPT = 1024;

    @Inject
    DeliverySettings settings;

    @Inject
    TargetPolicy targets;

    private HttpClient client;

    @PostConstruct
    void init() {
        client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public Outcome send(DeliveryTask task) {
        long start = System.nanoTime();
        UrlGuard.Verdict verdict = targets.guard().check(task.url());
        if (!verdict.allowed()) {
            return Outcome.noAnswer("Refused target: " + verdict.reason(), 0);
        }
        long timestamp = Times.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(verdict.uri())
                .timeout(settings.requestTimeout())
                .header("content-type", "application/json")
                .header("user-agent", "Herald-Webhooks/0.1")
                .header(StandardWebhooksSigner.ID_HEADER, task.msgId())
                .header(StandardWebhooksSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(StandardWebhooksSigner.SIGNATURE_HEADER,
                        StandardWebhooksSigner.sign(task.secret(), task.msgId(), timestamp, task.body()))
                .POST(HttpRequest.BodyPublishers.ofString(task.body(), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String excerpt;
            try (InputStream in = response.body()) {
                excerpt = new String(in.readNBytes(RESPONSE_EXCERPT), StandardCharsets.UTF_8);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                String location = response.headers().firstValue("location").orElse("(none)");
                excerpt = "Redirect not followed (Location: " + location + ") " + excerpt;
            }
            java.time.Duration retryAfter = status == 429 || status == 503
                    ? RetryPolicy.parseRetryAfter(response.headers().firstValue("retry-after").orElse(null), Instant.now())
                    : null;
            return new Outcome(status, excerpt, elapsedMs(start), retryAfter);
        } catch (HttpConnectTimeoutException e) {
            return Outcome.noAnswer("Network Error: connect timed out after " + settings.connectTimeout().toMillis() + " ms",
                    elapsedMs(start));
        } catch (HttpTimeoutException e) {
            return Outcome.noAnswer("Network Error: no answer within " + settings.requestTimeout().toMillis() + " ms",
                    elapsedMs(start));
        } catch (ConnectException e) {
            return Outcome.noAnswer("Network Error: connection refused", elapsedMs(start));
        } catch (IOException e) {
            return Outcome.noAnswer("Network Error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), elapsedMs(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.noAnswer("Interrupted while sending", elapsedMs(start));
        }
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
