package dev.herald.platform.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    @Test
    void callersThatArriveTogetherShareABatchAndEachGetsItsOwnResult() throws Exception {
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        CountDownLatch firstBatchHeld = new CountDownLatch(1);
        GroupCommit<Integer, Integer> group = new GroupCommit<Integer, Integer>("test", batch -> {
            batchSizes.add(batch.size());
            try {
                firstBatchHeld.await(); // the writer is busy: later callers queue up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return batch.stream().map(i -> i * 10).toList();
        }, 1, 64, 1000, Thread::new).start();
        ExecutorService callers = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                results.add(callers.submit(() -> group.submit(n, 10_000)));
                if (i == 0) {
                    Thread.sleep(100); // the first one alone in the first batch
                }
            }
            Thread.sleep(300);
            firstBatchHeld.countDown();
            for (int i = 0; i < 20; i++) {
                assertEquals(i * 10, results.get(i).get());
            }
            assertEquals(20, batchSizes.stream().mapToInt(Integer::intValue).sum());
            assertTrue(batchSizes.size() < 20, "batched: " + batchSizes);
        } finally {
            callers.shutdownNow();
            group.stop();
        }
    }

    @Test
    void aWriterThatAnswersLaterGoesOnToTheNextBatchMeanwhile() throws Exception {
        java.util.concurrent.CompletableFuture<Void> firstOnDisk = new java.util.concurrent.CompletableFuture<>();
        AtomicInteger batches = new AtomicInteger();
        GroupCommit<Integer, Integer> group = GroupCommit.<Integer, Integer>answeringLater("test", batch -> {
            List<Integer> doubled = batch.stream().map(i -> i * 2).toList();
            // the first batch's answer waits for its "store write"; later ones answer at once
            return batches.incrementAndGet() == 1 ? firstOnDisk.thenApply(v -> doubled)
                    : java.util.concurrent.CompletableFuture.completedFuture(doubled);
        }, 1, 8, 100, Thread::new).start();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = callers.submit(() -> group.submit(1, 5_000));
            while (batches.get() < 1) {
                Thread.sleep(1);
            }
            // one writer, its first batch still unanswered: a second caller is written and answered
            assertEquals(4, callers.submit(() -> group.submit(2, 5_000)).get(5, TimeUnit.SECONDS));
            assertFalse(first.isDone(), "the first caller is answered only after its write");
            firstOnDisk.complete(null);
            assertEquals(2, first.get(5, TimeUnit.SECONDS));
        } finally {
            callers.shutdownNow();
            group.stop();
        }
    }

    @Test
    void anAnswerOfTheWrongSizeLeavesNobodyWaiting() throws Exception {
        CountDownLatch both = new CountDownLatch(1);
        GroupCommit<Integer, Integer> group = GroupCommit.<Integer, Integer>answeringLater("test", batch -> {
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    both.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of(batch.get(0)); // one answer, whatever the batch holds
            });
        }, 1, 8, 100, Thread::new).start();
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int input = i;
                calls.add(callers.submit(() -> group.submit(input, 60_000))); // not the caller's own timeout
            }
            Thread.sleep(200);
            both.countDown();
            int answered = 0;
            int refused = 0;
            for (Future<Integer> call : calls) {
                try {
                    call.get(5, TimeUnit.SECONDS);
                    answered++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(e.getCause() instanceof GroupCommit.Busy, "failed with " + e.getCause());
                    refused++;
                }
            }
            assertEquals(3, answered + refused, "every caller hears back");
        } finally {
            callers.shutdownNow();
            group.stop();
        }
    }

    @Test
    void aLaterFailureFailsTheWholeBatchWithItsCause() {
        GroupCommit<Integer, Integer> group = GroupCommit.<Integer, Integer>answeringLater("test",
                batch -> java.util.concurrent.CompletableFuture.<List<Integer>>failedFuture(new IllegalStateException("not on disk"))
                        .thenApplyAsync(r -> r), 1, 8, 100, Thread::new).start();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> group.submit(1, 5_000));
            assertEquals("not on disk", e.getMessage());
        } finally {
            group.stop();
        }
    }

    @Test
    void aBadItemFailsAloneWhenTheBatchIsRetriedOneByOne() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        GroupCommit<Integer, Integer> group = new GroupCommit<Integer, Integer>("test", batch -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (batch.contains(13)) {
                throw new IllegalArgumentException("13 spoils its batch");
            }
            return batch;
        }, 1, 64, 1000, Thread::new).start();
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            Future<Integer> ok1 = callers.submit(() -> group.submit(1, 10_000));
            Future<Integer> bad = callers.submit(() -> group.submit(13, 10_000));
            Future<Integer> ok2 = callers.submit(() -> group.submit(2, 10_000));
            Thread.sleep(200);
            hold.countDown();
            assertEquals(1, ok1.get());
            assertEquals(2, ok2.get());
            var thrown = assertThrows(java.util.concurrent.ExecutionException.class, bad::get);
            assertTrue(thrown.getCause() instanceof IllegalArgumentException);
        } finally {
            callers.shutdownNow();
            group.stop();
        }
    }

    @Test
    void aFullQueueOrALateCommitSaysSoInsteadOfWaitingForever() {
        GroupCommit<Integer, Integer> stuck = new GroupCommit<Integer, Integer>("test", batch -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return batch;
        }, 1, 1, 1, Thread::new).start();
        try {
            assertThrows(GroupCommit.Busy.class, () -> stuck.submit(1, 200));
        } finally {
            stuck.stop();
        }
    }

    @Test
    void aLingeringWriterGathersWorkThatNobodyWaitsFor() throws Exception {
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        GroupCommit<Integer, Integer> group = lingeringGroup(batchSizes, 2_000, 64);
        try {
            List<java.util.concurrent.CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                answers.add(group.submitLater(i));
                Thread.sleep(20); // arriving one by one, each time after the writer took the last
            }
            for (int i = 0; i < 5; i++) {
                assertEquals(i, answers.get(i).get(10, TimeUnit.SECONDS));
            }
            assertEquals(List.of(5), batchSizes, "one batch for the five, written once the linger ended");
        } finally {
            group.stop();
        }
    }

    @Test
    void aCallerThatWaitsEndsTheLingerAtOnce() throws Exception {
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        GroupCommit<Integer, Integer> group = lingeringGroup(batchSizes, 60_000, 64);
        try {
            java.util.concurrent.CompletableFuture<Integer> later = group.submitLater(1);
            Thread.sleep(100); // the writer lingers with it
            long start = System.nanoTime();
            assertEquals(2, group.submit(2, 10_000));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "not held for the minute's linger");
            assertEquals(1, later.get(1, TimeUnit.SECONDS));
            assertEquals(List.of(2), batchSizes, "both in the batch the waiting caller released");
        } finally {
            group.stop();
        }
    }

    @Test
    void aLingeringWriterStopsWaitingOnceItHasEnough() throws Exception {
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        GroupCommit<Integer, Integer> group = lingeringGroup(batchSizes, 60_000, 3);
        try {
            List<java.util.concurrent.CompletableFuture<Integer>> answers = new ArrayList<>();
            answers.add(group.submitLater(0));
            Thread.sleep(100); // the writer lingers with one
            answers.add(group.submitLater(1));
            answers.add(group.submitLater(2)); // the third makes it enough
            for (int i = 0; i < 3; i++) {
                assertEquals(i, answers.get(i).get(10, TimeUnit.SECONDS), "not held for the minute's linger");
            }
            assertEquals(List.of(3), batchSizes);
        } finally {
            group.stop();
        }
    }

    @Test
    void lingeringNeedsOneWriter() {
        GroupCommit<Integer, Integer> two = new GroupCommit<Integer, Integer>("test", batch -> batch, 2, 64, 1000, Thread::new);
        assertThrows(IllegalStateException.class, () -> two.lingering(5, 64));
    }

    /** One writer that answers each item with itself and records its batch sizes, lingering as told. */
    private static GroupCommit<Integer, Integer> lingeringGroup(List<Integer> batchSizes, long millis, int enough) {
        return new GroupCommit<Integer, Integer>("test", batch -> {
            batchSizes.add(batch.size());
            return batch;
        }, 1, 64, 1000, Thread::new).lingering(millis, enough).start();
    }
}
