package dev.herald.delivery.control;

import dev.herald.platform.Times;
import dev.herald.signing.StandardWebhooksSigner;
import dev.herald.subscription.control.TargetPolicy;
import dev.herald.subscription.control.UrlGuard;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
 * failure that says so), the target is checked again right before sending, only the first KiB
 * of the answer is kept, and the whole exchange, body included, has a deadline.
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
        // The request timeout covers only the wait for headers; the deadline covers the body too.
        java.util.concurrent.CompletableFuture<HttpResponse<String>> exchange =
                client.sendAsync(request, ResponseExcerpt.handler(RESPONSE_EXCERPT));
        try {
            HttpResponse<String> response = exchange.get(settings.requestTimeout().toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            String excerpt = response.body();
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                String location = response.headers().firstValue("location").orElse("(none)");
                excerpt = "Redirect not followed (Location: " + location + ") " + excerpt;
            }
            java.time.Duration retryAfter = status == 429 || status == 503
                    ? RetryPolicy.parseRetryAfter(response.headers().firstValue("retry-after").orElse(null), Instant.now())
                    : null;
            return new Outcome(status, excerpt, elapsedMs(start), retryAfter);
        } catch (java.util.concurrent.TimeoutException e) {
            exchange.cancel(true);
            return Outcome.noAnswer("Network Error: no complete answer within " + settings.requestTimeout().toMillis()
                    + " ms", elapsedMs(start));
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause != null && String.valueOf(cause.getMessage()).contains("content length header with 204")) {
                // The receiver answered 204 with a Content-Length; the JDK refuses the answer, but
                // the receiver did take the message. Retrying would deliver it twice.
                return new Outcome(204, "", elapsedMs(start));
            }
            return Outcome.noAnswer(networkError(cause, settings), elapsedMs(start));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return Outcome.noAnswer("Interrupted while sending", elapsedMs(start));
        }
    }

    private static String networkError(Throwable cause, DeliverySettings settings) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "Network Error: connect timed out after " + settings.connectTimeout().toMillis() + " ms";
        }
        if (cause instanceof HttpTimeoutException) {
            return "Network Error: no answer within " + settings.requestTimeout().toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return "Network Error: connection refused";
        }
        return "Network Error: " + (cause == null ? "unknown" : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
