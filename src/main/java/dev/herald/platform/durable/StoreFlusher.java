package dev.herald.platform.durable;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit at the storage level, for H2. H2's MVStore has no write-ahead log: a transaction's
 * commit is durable only once the store has written a new chunk, and writing one serializes every
 * page changed since the last (with {@code WRITE_DELAY=0}, once per commit, on the committing
 * thread, which was a third of Herald's CPU under load). Herald therefore lets H2 commit in
 * memory and writes the store here, once for every commit that asked for it in the meantime: a
 * caller that must not answer before its rows are on disk {@link #await}s a store write that
 * started after its commit; one whose loss a crash only repeats (an attempt recorded, a claim)
 * {@link #request}s one and goes on.
 *
 * <p>One thread writes, only when asked, at most once per {@code interval} milliseconds unless
 * {@code enough} callers already wait: a burst of commits in that window shares one write of the
 * pages they touched, and a crowd of waiting answers is not kept waiting longer. Callers may also
 * announce themselves ({@link #expect}) before they commit, as the API's ingest does for each
 * request it takes: once every announced answer waits, nobody else is on the way and the write
 * starts at once. Sixteen clients then share one write instead of two or three, and a lone one
 * is not kept waiting for company that is not coming. Plain Java; the write itself is the
 * {@code flush} it is given (H2's {@code CHECKPOINT}).
 */
public final class StoreFlusher {
    private static final Logger LOG = Logger.getLogger(StoreFlusher.class.getName());

    /** Writes the store; throws when it could not. */
    @FunctionalInterface
    public interface Flush {
        void run() throws Exception;
    }

    /**
     * Work for the writer's idle moments (H2: rewriting what the load left sparse). Says when it
     * wants to run again: in milliseconds, or a negative number for not before the next write
     * has been followed by idleness again.
     */
    @FunctionalInterface
    public interface IdleWork {
        long run() throws Exception;
    }

    /** Raised to a caller whose rows could not be confirmed on disk. */
    public static final class NotDurable extends RuntimeException
            implements dev.herald.platform.batch.GroupCommit.NotRepeatable {
        private static final long serialVersionUID = 1L;

        public NotDurable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Flush flush;
    private final long intervalNanos;
    private final Thread writer;
    /** Store writes started; a caller needs one that starts after it asks. */
    private long started;
    private boolean asked;
    /** Answers waiting for the write not yet started, and how many of them start it without the interval. */
    private int waitingForNext;
    /** Answers announced ({@link #expect}) that have not asked for their write yet. */
    private int expected;
    /** Of {@link #waitingForNext}, those that were announced. */
    private int announcedWaiting;
    private final int enough;
    private volatile boolean stopping;
    private IdleWork idleWork;
    private long idleAfterNanos;
    /** Whether idle work is due at {@link #idleDue} (System.nanoTime); not while it waits for a write. */
    private boolean idleArmed;
    private long idleDue;
    /** Callers, each told when the write it needs has finished (in the order of their writes). */
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    private record Waiter(long needed, CompletableFuture<Void> done) {
    }

    public StoreFlusher(Flush flush, long intervalMillis, java.util.concurrent.ThreadFactory threads) {
        this(flush, intervalMillis, 8, threads);
    }

    /** {@code enough}: this many answers waiting start the write before the interval has passed. */
    public StoreFlusher(Flush flush, long intervalMillis, int enough, java.util.concurrent.ThreadFactory threads) {
        this.enough = Math.max(1, enough);
        this.flush = flush;
        this.intervalNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(Math.max(0, intervalMillis));
        this.writer = threads.newThread(this::writeLoop);
        writer.setName("herald-store-writer");
        writer.setDaemon(true);
    }

    /**
     * Runs {@code work} on the writer's thread once no write was asked for {@code afterMillis}
     * ms after the last one, and again when it asks to, until the next write. A caller that asks
     * for a write meanwhile waits for that pass to end. Call before {@link #start}.
     */
    public StoreFlusher whenIdle(long afterMillis, IdleWork work) {
        this.idleWork = work;
        this.idleAfterNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(Math.max(0, afterMillis));
        return this;
    }

    public StoreFlusher start() {
        writer.start();
        return this;
    }

    public void stop() {
        stopping = true;
        writer.interrupt();
    }

    /** Asks for a store write soon, without waiting for it. */
    public synchronized void request() {
        asked = true;
        notifyAll();
    }

    /**
     * Returns once a store write that started after this call has finished: every transaction
     * committed before the call is then on disk.
     */
    public void await(long timeoutMillis) {
        await(timeoutMillis, 1);
    }

    /** As {@link #await(long)}, for a caller that holds {@code answers} answers (a group commit's batch). */
    public void await(long timeoutMillis, int answers) {
        await(timeoutMillis, answers, 0);
    }

    /** As {@link #await(long, int)}, for answers of which {@code announced} were announced by {@link #expect}. */
    public void await(long timeoutMillis, int answers, int announced) {
        try {
            afterNextWrite(answers, announced, timeoutMillis).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof NotDurable notDurable ? notDurable
                    : new NotDurable("The database could not write its store", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotDurable("Interrupted while waiting for the database's store write", e);
        }
    }

    /**
     * As {@link #await(long, int)} without blocking: completes once a store write that started
     * after this call has finished (on the writer's thread; depend on it asynchronously), or
     * exceptionally with {@link NotDurable}, also when no such write finishes within the timeout.
     * The ingest writer goes on to its next batch meanwhile.
     */
    public CompletableFuture<Void> afterNextWrite(int answers, long timeoutMillis) {
        return afterNextWrite(answers, 0, timeoutMillis);
    }

    /** As {@link #afterNextWrite(int, long)}, for answers of which {@code announced} were announced by {@link #expect}. */
    public CompletableFuture<Void> afterNextWrite(int answers, int announced, long timeoutMillis) {
        return afterNextWrite(answers, announced).copy().orTimeout(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        unwrap(e) instanceof java.util.concurrent.TimeoutException
                                ? new NotDurable("The database did not write its store within " + timeoutMillis + " ms", null)
                                : unwrap(e)));
    }

    /**
     * Announces {@code answers} callers that will soon ask for a write (negative: announced ones
     * that will not, having failed before their commit). While any announced caller has not
     * asked, the write waits for it (within the interval); once all have, it starts.
     */
    public synchronized void expect(int answers) {
        expected += answers;
        if (expected <= 0) {
            expected = 0;
            notifyAll();
        }
    }

    /**
     * No announced answer is on its way (the announcing side knows none is in progress). At worst
     * it forgets an announcement made meanwhile, whose answer then starts a write a little early.
     */
    public synchronized void nobodyExpected() {
        if (expected != 0) {
            expected = 0;
            notifyAll();
        }
    }

    /** Store writes started since the start. */
    public synchronized long writes() {
        return started;
    }

    /** Announced answers that have not asked for their write yet. */
    synchronized int expected() {
        return expected;
    }

    private synchronized CompletableFuture<Void> afterNextWrite(int answers, int announced) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        expected = Math.max(0, expected - announced);
        if (stopping) {
            done.completeExceptionally(new NotDurable("The database's store writer has stopped", null));
            return done;
        }
        asked = true;
        waitingForNext += Math.max(1, answers);
        announcedWaiting += announced;
        waiters.add(new Waiter(started + 1, done));
        notifyAll();
        return done;
    }

    private boolean idleWorkDue() {
        return idleArmed && idleDue - System.nanoTime() <= 0;
    }

    /** The idle work, outside the lock: a caller asking for a write meanwhile is noted and waits for it. */
    private void runIdleWork() {
        long again;
        try {
            again = idleWork.run();
        } catch (Exception | LinkageError | AssertionError e) {
            LOG.log(Level.WARNING, "The database's idle work failed; it is tried again after the next write", e);
            again = -1;
        }
        synchronized (this) {
            idleArmed = again >= 0;
            idleDue = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(Math.max(0, again));
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private void writeLoop() {
        try {
            writeUntilStopped();
        } finally {
            // However the loop ended (stop, an interrupt, an Error), nobody waits for a write
            // that will not come: later callers are refused, current ones told now.
            List<Waiter> left;
            synchronized (this) {
                stopping = true;
                left = new ArrayList<>(waiters);
                waiters.clear();
                notifyAll();
            }
            left.forEach(w -> w.done().completeExceptionally(new NotDurable("The database's store writer has stopped", null)));
        }
    }

    private void writeUntilStopped() {
        long lastStart = System.nanoTime() - intervalNanos;
        while (!stopping) {
            long generation;
            try {
                boolean idle;
                synchronized (this) {
                    while (!asked && !stopping && !idleWorkDue()) {
                        if (!idleArmed) {
                            wait();
                        } else {
                            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, idleDue - System.nanoTime());
                        }
                    }
                    idle = !asked && !stopping;
                }
                if (idle) {
                    runIdleWork();
                    continue;
                }
                synchronized (this) {
                    // Let the commits of the next moments join this write, unless enough callers
                    // already wait for it that one write serves many, or every announced caller
                    // waits: then waiting longer only delays their answers.
                    long wait;
                    while ((wait = lastStart + intervalNanos - System.nanoTime()) > 0 && waitingForNext < enough
                            && !(announcedWaiting > 0 && expected == 0) && !stopping) {
                        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, wait);
                    }
                    asked = false;
                    generation = ++started;
                    waitingForNext = 0; // they wait for this write now
                    announcedWaiting = 0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            lastStart = System.nanoTime();
            Throwable failure = null;
            try {
                flush.run();
            } catch (Exception | LinkageError | StackOverflowError | AssertionError e) {
                failure = e;
                LOG.log(Level.WARNING, "Could not write the database's store", e);
            }
            List<Waiter> answered = new ArrayList<>();
            synchronized (this) {
                // idle work, if any, once nothing has been asked for a while after this write
                idleArmed = idleWork != null;
                idleDue = System.nanoTime() + idleAfterNanos;
                while (!waiters.isEmpty() && waiters.peek().needed() <= generation) {
                    answered.add(waiters.poll());
                }
            }
            for (Waiter w : answered) {
                if (failure != null) {
                    w.done().completeExceptionally(new NotDurable("The database could not write its store", failure));
                } else {
                    w.done().complete(null);
                }
            }
        }
    }
}
