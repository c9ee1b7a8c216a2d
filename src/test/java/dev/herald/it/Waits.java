package dev.herald.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition a user would wait for, failing after a deadline. */
final class Waits {
    private Waits() {
    }

    static void until(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
