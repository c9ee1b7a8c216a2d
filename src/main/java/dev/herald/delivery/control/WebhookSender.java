package dev.herald.delivery.control;

import dev.herald.contract.OutgoingRequest;
import dev.herald.contract.RequestComposer;
import dev.herald.platform.Times;
import dev.herald.subscription.control.TargetPolicy;
import dev.herald.subscription.control.UrlGuard;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one attempt as the endpoint's contract shapes it, with Apache HttpClient. The target is
 * checked right before sending and the client connects only to the addresses that check
 * resolved ({@link PinnedResolver}). Redirects are not followed (a 3xx is a failure that says
 * so), only the first KiB of the answer is kept, and the whole exchange, body included, has a
 * deadline: the endpoint's timeout, else the server's.
 */
@ApplicationScoped
public class WebhookSender {
    static final int RESPONSE_EXCERPT = 1024;
    /** Read this much of a longer answer so the connection can be reused; beyond it, drop it. */
    static final int DRAIN_LIMIT = 64 * 1024;

    @Inject
    DeliverySettings settings;

    @Inject
    TargetPolicy targets;

    private PoolingHttpClientConnectionManager pool;
    private CloseableHttpClient client;
    private ScheduledExecutorService deadlines;

    @PostConstruct
    void init() {
        pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new PinnedResolver())
                // javax.net.ssl.* system properties apply (a private CA's trust store, say)
                .setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
                .setMaxConnTotal(512)
                .setMaxConnPerRoute(128)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        client = HttpClients.custom()
                .setConnectionManager(pool)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        // A daemon timer only ever calls cancel(): no application code runs on it. A deadline
        // leaves the queue when its attempt ends: left in until it fell due, every attempt woke
        // this thread once more, 15 s later, to drop it (four context switches per message under
        // load), and the queue held 15 s of attempts.
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "herald-send-deadlines");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        deadlines = timer;
    }

    @PreDestroy
    void close() {
        deadlines.shutdownNow();
        try {
            client.close();
        } catch (IOException ignored) {
            // shutting down
        }
    }

    public Outcome send(DeliveryTask task) {
        long start = System.nanoTime();
        UrlGuard.Verdict verdict = targets.guard().check(task.url());
        if (!verdict.allowed()) {
            return Outcome.noAnswer("Refused target: " + verdict.reason(), 0);
        }
        OutgoingRequest out = RequestComposer.compose(task.contract(), task.url(), task.secrets(), task.msgId(),
                task.eventType(), task.eventTime(), task.body(), Times.now().getEpochSecond());
        Duration timeout = task.contract().timeoutMs() != null ? Duration.ofMillis(task.contract().timeoutMs())
                : settings.requestTimeout();
        return exchange(out, verdict, timeout, start);
    }

    Outcome exchange(OutgoingRequest out, UrlGuard.Verdict verdict, Duration timeout, long start) {
        HttpUriRequestBase request = new HttpUriRequestBase(out.method(), verdict.uri());
        for (Map.Entry<String, String> h : out.headers()) {
            request.addHeader(h.getKey(), h.getValue());
        }
        request.setEntity(new ByteArrayEntity(out.body(), ContentType.APPLICATION_JSON));
        request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build());
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            timedOut.set(true);
            request.cancel();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        PinnedResolver.pin(verdict.uri().getHost(), verdict.addresses());
        try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
            int status = response.getCode();
            String excerpt = excerpt(response.getEntity(), request);
            if (status >= 300 && status < 400) {
                Header location = response.getFirstHeader("location");
                excerpt = "Redirect not followed (Location: " + (location == null ? "(none)" : location.getValue()) + ") "
                        + excerpt;
            }
            Duration retryAfter = null;
            if (status == 429 || status == 503) {
                Header h = response.getFirstHeader("retry-after");
                retryAfter = RetryPolicy.parseRetryAfter(h == null ? null : h.getValue(), Instant.now());
            }
            if (timedOut.get()) {
                return Outcome.noAnswer(noCompleteAnswer(timeout), elapsedMs(start));
            }
            return new Outcome(status, excerpt, elapsedMs(start), retryAfter);
        } catch (IOException | RuntimeException e) {
            if (timedOut.get()) {
                return Outcome.noAnswer(noCompleteAnswer(timeout), elapsedMs(start));
            }
            return Outcome.noAnswer(networkError(e, timeout), elapsedMs(start));
        } finally {
            PinnedResolver.clear();
            deadline.cancel(false);
        }
    }

    /** The first KiB of the answer; reads on to let the connection be reused, up to a limit. */
    private static String excerpt(HttpEntity entity, HttpUriRequestBase request) throws IOException {
        if (entity == null) {
            return "";
        }
        byte[] kept = new byte[RESPONSE_EXCERPT];
        int n = 0;
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return "";
            }
            int r;
            while (n < kept.length && (r = in.read(kept, n, kept.length - n)) > 0) {
                n += r;
            }
            long drained = 0;
            byte[] skip = new byte[8192];
            while (drained <= DRAIN_LIMIT && (r = in.read(skip)) > 0) {
                drained += r;
            }
            if (drained > DRAIN_LIMIT) {
                request.cancel(); // too long to read through: close the connection instead
            }
        } catch (IOException e) {
            if (n == 0) {
                throw e;
            }
            // what arrived before the error is still worth showing
        }
        // a cut may split a multi-byte character; the decoder replaces the fragment
        return new String(kept, 0, n, StandardCharsets.UTF_8);
    }

    private static String noCompleteAnswer(Duration timeout) {
        return "Network Error: no complete answer within " + timeout.toMillis() + " ms";
    }

    private String networkError(Exception cause, Duration timeout) {
        if (cause instanceof ConnectTimeoutException) {
            return "Network Error: connect timed out after " + settings.connectTimeout().toMillis() + " ms";
        }
        if (cause instanceof SocketTimeoutException) {
            return "Network Error: no answer within " + timeout.toMillis() + " ms";
        }
        if (cause instanceof HttpHostConnectException || cause instanceof ConnectException) {
            return "Network Error: connection refused";
        }
        if (cause instanceof UnknownHostException) {
            return "Network Error: DNS failure (" + cause.getMessage() + ")";
        }
        if (cause instanceof javax.net.ssl.SSLException) {
            return "Network Error: TLS failure: " + cause.getMessage();
        }
        return "Network Error: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
