package dev.herald.retention;

import java.util.function.IntConsumer;
import java.util.function.IntUnaryOperator;

/**
 * Repeats a bounded delete until a batch comes back short, so a large purge is many short
 * transactions instead of one that holds locks (and H2's store) for minutes.
 */
final class BatchLoop {
    private BatchLoop() {
    }

    /**
     * @param deleteUpTo deletes at most the given number of rows in its own transaction and
     *        answers how many it deleted
     * @param committed told each batch's count as soon as it has committed, so a failure later
     *        in the run still leaves an honest count of what is gone
     */
    static void run(int batchSize, IntUnaryOperator deleteUpTo, IntConsumer committed) {
        int deleted;
        do {
            deleted = deleteUpTo.applyAsInt(batchSize);
            committed.accept(deleted);
            // A short batch ends the run even when rows were left because they changed under it
            // (a resend): the loop never spins on rows it may not delete; the next run looks again.
        } while (deleted >= batchSize);
    }
}
