package dev.herald.platform.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.platform.batch.GroupCommit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StoreFlusherTest {
    @Test
    void aCallerReturnsOnlyAfterAWriteThatStartedAfterItsCall() throws Exception {
        AtomicLong committed = new AtomicLong();
        AtomicLong onDisk = new AtomicLong();
        StoreFlusher flusher = new StoreFlusher(() -> onDisk.set(committed.get()), 0, Thread::new).start();
        try {
            for (int i = 1; i <= 50; i++) {
                committed.set(i); // "commits" in memory
                flusher.await(5_000);
                assertEquals(i, onDisk.get(), "the store write after commit " + i + " holds it");
            }
        } finally {
            flusher.stop();
        }
    }

    @Test
    void aCallerThatDoesNotBlockIsToldOnlyAfterAWriteThatStartedAfterItsCall() throws Exception {
        AtomicLong committed = new AtomicLong();
        AtomicLong onDisk = new AtomicLong();
        StoreFlusher flusher = new StoreFlusher(() -> onDisk.set(committed.get()), 5, Thread::new).start();
        try {
            List<java.util.concurrent.CompletableFuture<Long>> seen = new ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                committed.set(i);
                int commit = i;
                // what the store held when this caller was told: at least its own commit
                seen.add(flusher.afterNextWrite(1, 5_000).thenApply(v -> Math.max(0, onDisk.get() - commit + 1)));
            }
            for (int i = 0; i < seen.size(); i++) {
                assertTrue(seen.get(i).get(5, java.util.concurrent.TimeUnit.SECONDS) >= 1,
                        "caller " + (i + 1) + " was told before its commit was written");
            }
        } finally {
            flusher.stop();
        }
    }

    @Test
    void aFailedWriteFailsTheCallersWaitingForItAndAStoppedWriterTellsTheRest() throws Exception {
        StoreFlusher failing = new StoreFlusher(() -> {
            throw new java.io.IOException("disk full");
        }, 0, Thread::new).start();
        try {
            var e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> failing.afterNextWrite(1, 5_000).get(5, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof StoreFlusher.NotDurable, "failed with " + e.getCause());
        } finally {
            failing.stop();
        }
        StoreFlusher broken = new StoreFlusher(() -> {
            throw new AssertionError("a bug in the write");
        }, 0, Thread::new).start();
        try {
            var e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> broken.afterNextWrite(1, 5_000).get(5, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof StoreFlusher.NotDurable, "failed with " + e.getCause());
        } finally {
            broken.stop();
        }
        CountDownLatch never = new CountDownLatch(1);
        StoreFlusher stuck = new StoreFlusher(never::await, 0, Thread::new).start();
        stuck.afterNextWrite(1, 5_000); // the write that hangs
        var waiting = stuck.afterNextWrite(1, 5_000);
        stuck.stop();
        var e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> waiting.get(5, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof StoreFlusher.NotDurable, "failed with " + e.getCause());
    }

    @Test
    void aWriteThatDoesNotComeInTimeFailsItsCallerAtTheTimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        StoreFlusher stuck = new StoreFlusher(never::await, 0, Thread::new).start();
        try {
            long start = System.nanoTime();
            StoreFlusher.NotDurable e = assertThrows(StoreFlusher.NotDurable.class, () -> stuck.await(200));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().contains("within 200 ms"), e.getMessage());
            assertTrue(tookMillis >= 150 && tookMillis < 3_000, "failed after " + tookMillis + " ms");
        } finally {
            stuck.stop();
        }
    }

    @Test
    void callersOfTheSameMomentShareOneWrite() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        StoreFlusher flusher = new StoreFlusher(writes::incrementAndGet, 200, 100, Thread::new).start();
        ExecutorService callers = Executors.newFixedThreadPool(20);
        try {
            flusher.await(5_000); // the first write; the next may start 200 ms after it
            int before = writes.get();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                done.add(callers.submit(() -> {
                    go.await();
                    flusher.await(5_000);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            assertTrue(writes.get() - before <= 2, "20 callers in one moment took " + (writes.get() - before) + " writes");
        } finally {
            callers.shutdownNow();
            flusher.stop();
        }
    }

    @Test
    void enoughWaitingAnswersStartTheWriteBeforeTheInterval() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        StoreFlusher flusher = new StoreFlusher(writes::incrementAndGet, 10_000, 8, Thread::new).start();
        try {
            flusher.await(5_000); // the first write; the next may wait 10 s for company
            long start = System.nanoTime();
            flusher.await(5_000, 8); // a batch of eight answers does not wait for it
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "eight waiting answers were kept waiting");
            assertEquals(2, writes.get());
            Thread lone = new Thread(() -> flusher.await(30_000, 1));
            lone.start();
            lone.join(500);
            assertTrue(lone.isAlive(), "a lone answer waits for the interval, to share the write");
            flusher.await(5_000, 7); // with the one already waiting: eight
            lone.join(2_000);
            assertTrue(!lone.isAlive());
        } finally {
            flusher.stop();
        }
    }

    /**
     * A flusher whose interval (10 s) no test waits out, with its first write done: a write that
     * comes within seconds after this came early.
     */
    private static StoreFlusher afterItsFirstWrite(AtomicInteger writes) {
        StoreFlusher flusher = new StoreFlusher(writes::incrementAndGet, 10_000, 64, Thread::new).start();
        flusher.await(5_000);
        return flusher;
    }

    @Test
    void theWriteStartsOnceEveryAnnouncedCallerWaits() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        StoreFlusher flusher = afterItsFirstWrite(writes);
        try {
            flusher.expect(3); // three requests on their way
            var first = flusher.afterNextWrite(1, 1, 30_000);
            var second = flusher.afterNextWrite(1, 1, 30_000);
            Thread.sleep(300);
            assertTrue(!first.isDone() && !second.isDone(), "the write started while an announced caller was still on its way");
            long start = System.nanoTime();
            var third = flusher.afterNextWrite(1, 1, 30_000);
            java.util.concurrent.CompletableFuture.allOf(first, second, third).get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "the last of them was kept waiting for the interval");
            assertEquals(2, writes.get(), "the three shared one write");
        } finally {
            flusher.stop();
        }
    }

    /** Two announced, one waits: no write until {@code release} says the other is not coming, then one at once. */
    private static void oneWaitsForAnotherUntil(java.util.function.Consumer<StoreFlusher> release) throws Exception {
        AtomicInteger writes = new AtomicInteger();
        StoreFlusher flusher = afterItsFirstWrite(writes);
        try {
            flusher.expect(2);
            var waiting = flusher.afterNextWrite(1, 1, 30_000);
            Thread.sleep(300);
            assertTrue(!waiting.isDone(), "the write started while an announced caller was still on its way");
            assertEquals(1, flusher.expected());
            release.accept(flusher);
            waiting.get(2, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, flusher.expected());
            assertEquals(2, writes.get());
        } finally {
            flusher.stop();
        }
    }

    @Test
    void anAnnouncedCallerThatFailsBeforeItsCommitKeepsNobodyWaiting() throws Exception {
        oneWaitsForAnotherUntil(flusher -> flusher.expect(-1)); // the other one was refused before its commit
    }

    @Test
    void anAnnouncementThatWentAstrayIsForgottenOnceNobodyIsOnTheirWay() throws Exception {
        // one of the two never settles (a drifted count); the announcing side knows nobody is in progress
        oneWaitsForAnotherUntil(StoreFlusher::nobodyExpected);
    }

    @Test
    void aLoneAnnouncedAnswerIsWrittenAtOnce() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        StoreFlusher flusher = afterItsFirstWrite(writes); // an unannounced answer would now wait 10 s
        try {
            long start = System.nanoTime();
            flusher.expect(1);
            flusher.await(30_000, 1, 1);
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "a lone announced answer waited for the interval");
            assertEquals(2, writes.get());
        } finally {
            flusher.stop();
        }
    }

    @Test
    void aFailedWriteFailsItsCallersWithoutARepeatAndTheNextOneMayPass() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        StoreFlusher flusher = new StoreFlusher(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new java.io.IOException("disk full");
            }
        }, 0, Thread::new).start();
        try {
            StoreFlusher.NotDurable e = assertThrows(StoreFlusher.NotDurable.class, () -> flusher.await(5_000));
            assertEquals("disk full", e.getCause().getMessage());
            assertTrue(e instanceof GroupCommit.NotRepeatable, "a group commit must not write its batch again");
            flusher.await(5_000);
        } finally {
            flusher.stop();
        }
    }

    @Test
    void aRequestIsWrittenWithoutAnyoneWaiting() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        StoreFlusher flusher = new StoreFlusher(written::countDown, 0, Thread::new).start();
        try {
            flusher.request();
            assertTrue(written.await(5, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            flusher.stop();
        }
    }

    @Test
    void noWriteWithoutAsking() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        StoreFlusher flusher = new StoreFlusher(writes::incrementAndGet, 0, Thread::new).start();
        try {
            Thread.sleep(200);
            assertEquals(0, writes.get());
        } finally {
            flusher.stop();
        }
    }

    @Test
    void h2WithAWriteDelayIsWrittenByTheFlusherOthersAreNot() {
        assertTrue(DurableWrites.delaysWrites("jdbc:h2:file:./data/db/herald;LOCK_TIMEOUT=10000;WRITE_DELAY=500"));
        assertTrue(DurableWrites.delaysWrites("jdbc:h2:file:/x/y"));
        assertTrue(!DurableWrites.delaysWrites("jdbc:h2:file:/x/y;write_delay=0"));
        assertTrue(!DurableWrites.delaysWrites("jdbc:h2:file:/x/y;WRITE_DELAY=0;LOCK_TIMEOUT=1"));
        assertTrue(!DurableWrites.delaysWrites("jdbc:postgresql://localhost/herald"));
    }

    @Test
    void idleWorkRunsAfterAQuietSpellUntilItIsDoneAndThenOnlyAfterTheNextWrite() throws Exception {
        List<Long> passes = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger left = new AtomicInteger(3);
        AtomicInteger writes = new AtomicInteger();
        StoreFlusher flusher = new StoreFlusher(writes::incrementAndGet, 0, Thread::new)
                .whenIdle(100, () -> {
                    passes.add(System.nanoTime());
                    return left.decrementAndGet() > 0 ? 20 : -1;
                }).start();
        try {
            Thread.sleep(300);
            assertEquals(0, passes.size(), "nothing written yet, nothing to tidy");
            long written = System.nanoTime();
            flusher.await(5_000);
            long deadline = System.currentTimeMillis() + 5_000;
            while (passes.size() < 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(3, passes.size(), "passes until the work says it is done");
            assertTrue(passes.get(0) - written >= 100_000_000L, "the first pass waited for 100 ms of quiet");
            Thread.sleep(400);
            assertEquals(3, passes.size(), "done: no pass before the next write");
            left.set(1);
            flusher.await(5_000);
            deadline = System.currentTimeMillis() + 5_000;
            while (passes.size() < 4 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(4, passes.size(), "after a write, quiet again: another pass");
        } finally {
            flusher.stop();
        }
    }

    @Test
    void aWriteAskedForDuringIdleWorkIsMadeOnceThatWorkEnds() throws Exception {
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger writes = new AtomicInteger();
        StoreFlusher flusher = new StoreFlusher(writes::incrementAndGet, 0, Thread::new)
                .whenIdle(50, () -> {
                    working.countDown();
                    release.await();
                    return -1;
                }).start();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            flusher.await(5_000);
            assertTrue(working.await(5, java.util.concurrent.TimeUnit.SECONDS), "the idle work ran");
            Future<?> asked = caller.submit(() -> flusher.await(5_000));
            Thread.sleep(200);
            assertEquals(1, writes.get(), "no write while the idle work runs");
            assertTrue(!asked.isDone());
            release.countDown();
            asked.get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(2, writes.get(), "the write asked for meanwhile, right after it");
        } finally {
            release.countDown();
            caller.shutdownNow();
            flusher.stop();
        }
    }
}
