package dev.herald.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Counters of this instance's delivery work, for operators (JMX). */
@ApplicationScoped
public class DeliveryStats {
    private static final int WINDOW_SECONDS = 10;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder attempts = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    // attempts per second over the last seconds: slot = epoch second % length, stamped by second
    private final AtomicLongArray slotSecond = new AtomicLongArray(WINDOW_SECONDS + 2);
    private final AtomicLongArray slotCount = new AtomicLongArray(WINDOW_SECONDS + 2);

    public void started() {
        inFlight.incrementAndGet();
    }

    public void finished(boolean success) {
        inFlight.decrementAndGet();
        attempts.increment();
        (success ? succeeded : failed).increment();
        long second = System.currentTimeMillis() / 1000;
        int slot = (int) (second % slotSecond.length());
        long stamped = slotSecond.get(slot);
        if (stamped != second && slotSecond.compareAndSet(slot, stamped, second)) {
            slotCount.set(slot, 0);
        }
        slotCount.incrementAndGet(slot);
    }

    public int inFlight() {
        return inFlight.get();
    }

    public long attempts() {
        return attempts.sum();
    }

    public long succeeded() {
        return succeeded.sum();
    }

    public long failed() {
        return failed.sum();
    }

    /** Attempts per second, averaged over the last ten whole seconds. */
    public double attemptsPerSecond() {
        long now = System.currentTimeMillis() / 1000;
        long total = 0;
        for (int i = 0; i < slotSecond.length(); i++) {
            long second = slotSecond.get(i);
            if (second < now && second >= now - WINDOW_SECONDS) {
                total += slotCount.get(i);
            }
        }
        return total / (double) WINDOW_SECONDS;
    }
}
