package dev.herald.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds how many attempts to one endpoint run at once on this instance, so a slow or hanging
 * receiver can hold at most that many listener threads and the others keep flowing. A ticket
 * that finds the gate full goes back on the queue for a moment instead of waiting on a thread.
 */
@ApplicationScoped
public class EndpointGate {
    @Inject
    DeliverySettings settings;

    private final ConcurrentHashMap<String, AtomicInteger> running = new ConcurrentHashMap<>();

    public boolean tryEnter(String endpointId) {
        AtomicInteger count = running.computeIfAbsent(endpointId, id -> new AtomicInteger());
        int limit = settings.endpointConcurrency();
        while (true) {
            int now = count.get();
            if (now >= limit) {
                return false;
            }
            if (count.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    public void leave(String endpointId) {
        AtomicInteger count = running.get(endpointId);
        if (count != null && count.decrementAndGet() <= 0) {
            running.remove(endpointId, count);
        }
    }

    /** Attempts running now, per endpoint (for operators). */
    public int running(String endpointId) {
        AtomicInteger count = running.get(endpointId);
        return count == null ? 0 : count.get();
    }
}
