package dev.herald.message.control;

import dev.herald.message.entity.Message;
import dev.herald.platform.problem.Problem;
import dev.herald.platform.problem.ProblemType;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Group commit for the API's ingest. Requests that arrive together share one transaction: a
 * writer takes whatever has queued up while it was busy (up to {@link #MAX_BATCH}), writes every
 * message, delivery and queue ticket, commits once, and only then releases each request to
 * answer 202. A commit, and the broker's journal write that goes with it, is the dearest part of
 * a message; under load it is now shared by the batch, and an idle server adds no wait at all
 * (a lone request is a batch of one). If a batch fails, its requests are written one by one, so
 * one bad message (a duplicate eventId) fails alone.
 */
@ApplicationScoped
public class IngestBatcher {
    private static final Logger LOG = Logger.getLogger(IngestBatcher.class.getName());
    static final int MAX_BATCH = 64;

    /** One request's message, waiting for its batch's commit. */
    public record Work(String appId, String eventType, String payload, String eventId, Set<String> channels,
            Map<String, String> endpointUrls, CompletableFuture<Message> done) {
    }

    @Inject
    BatchWriter writer;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "herald.ingest.writers", defaultValue = "2")
    int writers;

    private final LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>(10_000);
    private final List<Thread> running = new ArrayList<>();
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        for (int i = 0; i < Math.max(1, writers); i++) {
            Thread t = threads.newThread(this::writeLoop);
            t.setName("herald-ingest-writer-" + i);
            t.setDaemon(true);
            running.add(t);
            t.start();
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        running.forEach(Thread::interrupt);
    }

    /** Queues the message and waits until it is committed; answers it, or throws its problem. */
    public Message accept(String appId, String eventType, String payload, String eventId, Set<String> channels,
            Map<String, String> endpointUrls, long timeoutMillis) {
        Work work = new Work(appId, eventType, payload, eventId, channels, endpointUrls, new CompletableFuture<>());
        if (!queue.offer(work)) {
            throw new Problem(ProblemType.UNAVAILABLE, "Herald is taking in more messages than it can write; retry");
        }
        try {
            return work.done().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            // The outcome is unknown to the caller: a 5xx, which Svix SDKs retry with the same
            // idempotency key (and a 5xx releases the key), so nothing is lost or doubled by eventId.
            throw new Problem(ProblemType.UNAVAILABLE, "The message was not committed within " + timeoutMillis
                    + " ms; retry with the same Idempotency-Key or eventId");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Problem(ProblemType.UNAVAILABLE, "Interrupted while writing the message; retry");
        }
    }

    private void writeLoop() {
        List<Work> batch = new ArrayList<>(MAX_BATCH);
        while (!stopping) {
            try {
                Work first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Ingest writer failed", e);
            } finally {
                for (Work w : batch) {
                    w.done().completeExceptionally(new Problem(ProblemType.UNAVAILABLE, "The message was not written; retry"));
                }
                batch.clear();
            }
        }
    }

    private void write(List<Work> batch) {
        List<Message> written;
        try {
            written = writer.write(batch);
        } catch (RuntimeException batchFailed) {
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(batchFailed);
                return;
            }
            // one of them spoiled the batch: each on its own, so only that one fails
            for (Work w : batch) {
                try {
                    w.done().complete(writer.write(List.of(w)).get(0));
                } catch (RuntimeException alone) {
                    w.done().completeExceptionally(alone);
                }
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(written.get(i));
        }
    }
}
