package dev.herald.message.control;

import dev.herald.delivery.control.DeliveryQueue;
import dev.herald.message.entity.Message;
import dev.herald.platform.batch.GroupCommit;
import dev.herald.platform.concurrent.AppThreads;
import dev.herald.platform.durable.DurableWrites;
import dev.herald.platform.durable.StoreFlusher;
import dev.herald.platform.problem.Problem;
import dev.herald.platform.problem.ProblemType;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Group commit for the API's ingest: requests that arrive together share one transaction, and
 * each answers 202 only once that transaction has committed. A commit, with the broker's journal
 * write that goes with it, is the dearest part of a message; under load the batch shares it.
 */
@ApplicationScoped
public class IngestBatcher {
    static final int MAX_BATCH = 64;

    /**
     * One request's message. {@code announced} holds while its request is announced to the store
     * writer ({@link DurableWrites#expect}) and has not yet asked for its write: whoever clears
     * it first (the writer that committed it, or the request failing before that) settles it.
     */
    public record Work(String appId, String eventType, String payload, String eventId, Set<String> channels,
            Map<String, String> endpointUrls, Duration payloadRetention, AtomicBoolean announced) {
    }


    @Inject
    BatchWriter writer;

    @Inject
    DeliveryQueue queue;

    @Inject
    IngestStats stats;

    @Inject
    DurableWrites durable;

    @Inject
    AppThreads threads;

    /**
     * Unset: two where commits stay in memory (H2's default), one where each commit is flushed
     * (PostgreSQL): see start.
     */
    @Inject
    @ConfigProperty(name = "herald.ingest.writers")
    java.util.Optional<Integer> writers;

    private GroupCommit<Work, Message> group;

    /** Queues a batch's tickets and releases its callers once its store write is done, off the store writer. */
    private ExecutorService afterWrite;

    @PostConstruct
    void start() {
        afterWrite = Executors.newSingleThreadExecutor(r -> {
            Thread t = threads.newThread(r);
            t.setName("herald-ingest-answers");
            t.setDaemon(true);
            return t;
        });
        // its one thread queues every ingest ticket, outside any transaction: it keeps a producer
        afterWrite.execute(queue::keepProducer);
        // Each writer keeps a connection of the non-JTA pool (16; OwnTransaction.keepConnections),
        // beside the claim and record writers and the ordered lanes' reads: at most 8 of them.
        // A commit that is flushed at once cost PostgreSQL's server about 0.2 ms of CPU here, as
        // much as five rows: two writers, each taking whatever was queued, made 2.2 messages per
        // commit with 16 clients, one makes 3.1 (those that arrive while it commits go together).
        // H2's commits stay in memory and one store write serves many, so there two overlap.
        int count = Math.max(1, Math.min(8, writers.orElse(durable.durableAtCommit() ? 1 : 2)));
        group = GroupCommit.answeringLater("ingest", this::writeThenQueue, count, MAX_BATCH, 10_000, threads).start();
    }

    /**
     * The batch's rows in one transaction, then its tickets on the queue once that has committed.
     * A ticket lost between the two (the process dies, the broker refuses) leaves its delivery
     * row owed and queued by nobody: the sweeper finds it (see Sweeper). Failing the batch here
     * instead would answer an error for messages that are on disk.
     *
     * <p>The writer does not wait for the store write: it goes on to the next batch, and this
     * batch's 202s and tickets follow the write. With the writer blocked, a batch in flight per
     * writer was all the ingest could have, and 16 clients found Herald idle a third of the time.
     */
    private CompletionStage<List<Message>> writeThenQueue(List<Work> batch) {
        // At most IN_FLIGHT batches wait for their store write: when the disk stalls, the writers
        // stop taking batches (callers then time out with nothing committed for them) instead of
        // committing batch after batch whose answers cannot come.
        try {
            if (!inFlight.tryAcquire()) {
                // These commit only once an earlier store write frees a place, so that write must
                // not wait for them: their announcements are withdrawn (they arrive unannounced).
                durable.expect(-settle(batch));
                inFlight.acquire();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted before writing", e);
        }
        BatchWriter.Written written;
        try {
            written = writer.write(batch);
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
        // Committed, perhaps in H2's memory only: a 202 waits until the store holds the rows, and
        // so do the tickets, so that no ticket outlives a row that a crash took back.
        int announced = settle(batch);
        CompletionStage<List<Message>> answered;
        try {
            answered = durable.afterNextWrite(batch.size(), announced).thenApplyAsync(onDisk -> {
                stats.committed(batch.size());
                queueSoon(written.tickets());
                return written.messages();
            }, afterWrite);
        } catch (RuntimeException e) {
            inFlight.release(); // the answers thread is gone (shutting down)
            throw new StoreFlusher.NotDurable("Herald is stopping", e);
        }
        return answered.whenComplete((messages, failed) -> inFlight.release());
    }

    /** Settles the announcements the batch still holds ({@link Work}): how many it held. */
    private static int settle(List<Work> batch) {
        int held = 0;
        for (Work w : batch) {
            if (w.announced().getAndSet(false)) {
                held++;
            }
        }
        return held;
    }

    /** Batches committed and waiting for their store write (see writeThenQueue). */
    static final int IN_FLIGHT = 16;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);

    /** Tickets of batches whose store write is done, not yet queued; touched on afterWrite's thread only. */
    private final List<DeliveryQueue.Ticket> unsent = new ArrayList<>();

    /**
     * One store write finishes several batches at once: their tickets go to the broker together,
     * in as few queue messages as they fill, right after the last of those batches is answered.
     */
    private void queueSoon(List<DeliveryQueue.Ticket> tickets) {
        if (tickets.isEmpty()) {
            return;
        }
        if (unsent.isEmpty()) {
            afterWrite.execute(this::queueUnsent); // runs after the batches already waiting on this thread
        }
        unsent.addAll(tickets);
    }

    private void queueUnsent() {
        List<DeliveryQueue.Ticket> all = new ArrayList<>(unsent);
        unsent.clear();
        queue.enqueueCommitted(all);
    }

    /** How the ingest writers batched (see {@link GroupCommit#batching}). */
    public String batching() {
        return group.batching();
    }

    @PreDestroy
    void stop() {
        group.stop();
        try {
            afterWrite.execute(queue::releaseProducer);
        } catch (RuntimeException e) {
            // the adapter may have closed the connection already; nothing else holds it
        }
        afterWrite.shutdown();
    }

    /** Writes the message with whatever else arrives now; answers it once committed, or throws its problem. */
    public Message accept(String appId, String eventType, String payload, String eventId, Set<String> channels,
            Map<String, String> endpointUrls, Duration payloadRetention, long timeoutMillis) {
        Work work = new Work(appId, eventType, payload, eventId, channels, endpointUrls, payloadRetention,
                new AtomicBoolean(true));
        // The store write that will hold this message waits for it, and for every other request
        // announced meanwhile, then starts at once: concurrent requests share one write.
        inside.incrementAndGet();
        durable.expect(1);
        try {
            return group.submit(work, timeoutMillis);
        } catch (StoreFlusher.NotDurable e) {
            throw new Problem(ProblemType.UNAVAILABLE, "The message was not confirmed on disk (" + e.getMessage()
                    + "); retry with the same Idempotency-Key or eventId");
        } catch (GroupCommit.Busy e) {
            // A 5xx: Svix SDKs retry it with the same idempotency key (a 5xx releases the key).
            throw new Problem(ProblemType.UNAVAILABLE, "The message could not be written now (" + e.getMessage()
                    + "); retry with the same Idempotency-Key or eventId");
        } finally {
            if (work.announced().getAndSet(false)) {
                // not committed by now (refused, or timed out while queued: a commit after this
                // comes unannounced), so the write does not wait for it
                durable.expect(-1);
            }
            if (inside.decrementAndGet() == 0) {
                // Nobody is inside: no announcement can be outstanding. Should the count ever
                // have drifted, this puts it right, instead of every write waiting the interval.
                durable.nobodyExpected();
            }
        }
    }

    /** Creates between their announcement and their answer; none means none is on its way. */
    private final java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
}
