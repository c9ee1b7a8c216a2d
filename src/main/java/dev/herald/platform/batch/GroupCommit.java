package dev.herald.platform.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: callers that arrive together share one transaction. A writer takes whatever
 * queued up while it was busy (up to {@code maxBatch}), runs the batch function (which runs one
 * transaction for them all) and only then releases each caller with its result. An idle system
 * adds no wait (a lone call is a batch of one); a busy one pays one commit per batch instead of
 * one per call. When a batch fails, its items run again one at a time, so one bad item fails
 * alone. Plain Java: the transaction is the batch function's business.
 *
 * @param <I> one caller's input
 * @param <O> its result, in the same position of the batch function's answer
 */
public final class GroupCommit<I, O> {
    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

    /** {@code waited}: its caller waits for the commit ({@link #submit}), so the writer does not linger for it. */
    private record Pending<I, O>(I input, CompletableFuture<O> done, boolean waited) {
    }

    private final String name;
    private final Function<List<I>, CompletionStage<List<O>>> batchFunction;
    private final int maxBatch;
    private final LinkedBlockingQueue<Pending<I, O>> queue;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean stopping;
    /** See {@link #lingering}; 0: a batch is whatever was queued when the writer came for it. */
    private long lingerNanos;
    private int lingerEnough;
    /** The writer while it lingers, for a waiting caller (or the one that makes it enough) to wake. */
    private volatile Thread lingeringWriter;
    /** The items the lingering writer holds already. */
    private volatile int lingerHeld;
    private final java.util.concurrent.atomic.AtomicLong batches = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong items = new java.util.concurrent.atomic.AtomicLong();

    public GroupCommit(String name, Function<List<I>, List<O>> batchFunction, int writers, int maxBatch,
            int capacity, ThreadFactory threads) {
        this(name, threads, writers, maxBatch, capacity, batch -> CompletableFuture.completedFuture(batchFunction.apply(batch)));
    }

    /**
     * A group commit whose batch function answers later: the writer goes on to the next batch
     * as soon as the function returns, and each caller is released when the answer completes
     * (a failure there fails the whole batch, as {@link NotRepeatable} does).
     */
    public static <I, O> GroupCommit<I, O> answeringLater(String name, Function<List<I>, CompletionStage<List<O>>> batchFunction,
            int writers, int maxBatch, int capacity, ThreadFactory threads) {
        return new GroupCommit<>(name, threads, writers, maxBatch, capacity, batchFunction);
    }

    private GroupCommit(String name, ThreadFactory threads, int writers, int maxBatch, int capacity,
            Function<List<I>, CompletionStage<List<O>>> batchFunction) {
        this.name = name;
        this.batchFunction = batchFunction;
        this.maxBatch = maxBatch;
        this.queue = new LinkedBlockingQueue<>(capacity);
        for (int i = 0; i < Math.max(1, writers); i++) {
            Thread t = threads.newThread(this::writeLoop);
            t.setName("herald-" + name + "-writer-" + i);
            t.setDaemon(true);
            this.writers.add(t);
        }
    }

    /**
     * The writer waits up to {@code millis} after the first item of a batch for more, unless a
     * caller in the batch waits for its commit or {@code enough} items are in hand: for work whose
     * commit nobody waits on (records of attempts already sent), fewer, larger transactions for a
     * little delay. One writer only.
     */
    public GroupCommit<I, O> lingering(long millis, int enough) {
        if (writers.size() != 1) {
            throw new IllegalStateException(name + ": lingering needs exactly one writer");
        }
        lingerNanos = TimeUnit.MILLISECONDS.toNanos(millis);
        lingerEnough = Math.min(enough, maxBatch);
        return this;
    }

    public GroupCommit<I, O> start() {
        writers.forEach(Thread::start);
        return this;
    }

    /** "name: items in batches (per batch)" since the start: how well it batched, for whoever tunes it. */
    public String batching() {
        long b = batches.get();
        long n = items.get();
        return String.format(java.util.Locale.ROOT, "%s: %d in %d batches (%.1f each)", name, n, b, b == 0 ? 0.0 : n / (double) b);
    }

    public void stop() {
        stopping = true;
        writers.forEach(Thread::interrupt);
    }

    /** Raised when the queue is full or the wait runs out: the outcome is not known to the caller. */
    public static final class Busy extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Busy(String message) {
            super(message);
        }
    }

    /**
     * A batch failure that running the items again one at a time would make worse (their
     * transaction committed, and only what came after failed): it fails every item as it is.
     */
    public interface NotRepeatable {
    }

    /** Queues the input and waits for its batch to commit; answers its result or throws its failure. */
    public O submit(I input, long timeoutMillis) {
        CompletableFuture<O> done = offer(input, true);
        Thread lingering = lingeringWriter;
        if (lingering != null) {
            LockSupport.unpark(lingering); // someone waits now: the batch goes as it is
        }
        try {
            return done.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new Busy(name + ": not committed within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy(name + ": interrupted while waiting for the commit");
        }
    }

    /**
     * Queues the input and answers at once: the answer completes, on the writer's thread, once its
     * batch has committed (or with its failure). Throws {@link Busy} when the queue is full.
     */
    public CompletableFuture<O> submitLater(I input) {
        CompletableFuture<O> done = offer(input, false);
        Thread lingering = lingeringWriter;
        if (lingering != null && lingerHeld + queue.size() >= lingerEnough) {
            LockSupport.unpark(lingering); // enough for a batch: it goes now
        }
        return done;
    }

    private CompletableFuture<O> offer(I input, boolean waited) {
        Pending<I, O> pending = new Pending<>(input, new CompletableFuture<>(), waited);
        if (!queue.offer(pending)) {
            throw new Busy(name + ": more work queued than can be written; retry");
        }
        return pending.done();
    }

    private void writeLoop() {
        // A writer thread lives as long as Herald: it keeps one database connection throughout.
        OwnTransaction.keepConnections();
        try {
            writeBatches();
        } finally {
            OwnTransaction.releaseKept();
        }
    }

    private void writeBatches() {
        List<Pending<I, O>> batch = new ArrayList<>(maxBatch);
        while (!stopping) {
            try {
                Pending<I, O> first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                if (lingerNanos > 0) {
                    linger(batch);
                }
                batches.incrementAndGet();
                items.addAndGet(batch.size());
                write(List.copyOf(batch));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, name + " writer failed", e);
                failUnanswered(batch);
                if (e instanceof Error error && !(error instanceof StackOverflowError)) {
                    throw error; // the thread dies; its callers were told
                }
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Adds what arrives within the linger, in one sleep rather than a wake-up per arrival, ended
     * early by a caller that waits (see {@link #submit}).
     */
    private void linger(List<Pending<I, O>> batch) {
        long deadline = System.nanoTime() + lingerNanos;
        lingerHeld = batch.size();
        lingeringWriter = Thread.currentThread();
        try {
            while (batch.size() + queue.size() < lingerEnough && batch.stream().noneMatch(Pending::waited)
                    && queue.stream().noneMatch(Pending::waited)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
            }
        } finally {
            lingeringWriter = null;
        }
        queue.drainTo(batch, maxBatch - batch.size());
    }

    private void write(List<Pending<I, O>> batch) {
        CompletionStage<List<O>> answer;
        try {
            answer = batchFunction.apply(batch.stream().map(Pending::input).toList());
        } catch (RuntimeException batchFailed) {
            if (batch.size() == 1 || batchFailed instanceof NotRepeatable) {
                batch.forEach(p -> p.done().completeExceptionally(batchFailed));
                return;
            }
            for (Pending<I, O> p : batch) {
                try {
                    answerWhenDone(List.of(p), batchFunction.apply(List.of(p.input())));
                } catch (RuntimeException alone) {
                    p.done().completeExceptionally(alone);
                }
            }
            return;
        }
        answerWhenDone(batch, answer);
    }

    /** Tells each caller its result, or the batch's failure, once the answer completes. */
    private void answerWhenDone(List<Pending<I, O>> batch, CompletionStage<List<O>> answer) {
        answer.whenComplete((results, failed) -> {
            try {
                if (failed != null) {
                    Throwable cause = unwrap(failed);
                    batch.forEach(p -> p.done().completeExceptionally(cause));
                    return;
                }
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).done().complete(results.get(i));
                }
            } finally {
                failUnanswered(batch); // an answer of the wrong size leaves nobody waiting
            }
        });
    }

    private void failUnanswered(List<Pending<I, O>> batch) {
        for (Pending<I, O> p : batch) {
            if (!p.done().isDone()) { // an exception (and its stack) only for one not answered
                p.done().completeExceptionally(new Busy(name + ": not written"));
            }
        }
    }

    private static Throwable unwrap(Throwable failed) {
        return failed instanceof java.util.concurrent.CompletionException && failed.getCause() != null ? failed.getCause()
                : failed;
    }
}
