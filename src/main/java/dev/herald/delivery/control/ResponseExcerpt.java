package dev.herald.delivery.control;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Keeps the first bytes of a receiver's answer and stops reading there: a receiver that sends
 * a huge body, or headers and then nothing, must not hold a delivery thread. Together with a
 * deadline on the whole exchange this bounds every attempt.
 */
final class ResponseExcerpt implements HttpResponse.BodySubscriber<String> {
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private final ByteBuffer kept;
    private Flow.Subscription subscription;

    ResponseExcerpt(int limit) {
        this.kept = ByteBuffer.allocate(limit);
    }

    static HttpResponse.BodyHandler<String> handler(int limit) {
        return info -> new ResponseExcerpt(limit);
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            int n = Math.min(item.remaining(), kept.remaining());
            kept.put(item.slice().limit(n));
        }
        if (!kept.hasRemaining()) {
            subscription.cancel(); // enough: the rest of the body is not read
            finish();
        }
    }

    @Override
    public void onError(Throwable error) {
        finish(); // what arrived before the error is still worth showing
    }

    @Override
    public void onComplete() {
        finish();
    }

    private void finish() {
        if (!result.isDone()) {
            byte[] bytes = new byte[kept.position()];
            kept.duplicate().flip().get(bytes);
            // a cut may split a multi-byte character; the decoder replaces the fragment
            result.complete(new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
