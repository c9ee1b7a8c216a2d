package dev.herald.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The operator's pause switch for all delivery on this instance. While paused, tickets are
 * dropped and deliveries keep their rows; resuming queues everything owed again.
 */
@ApplicationScoped
public class DeliveryPause {
    private final AtomicBoolean paused = new AtomicBoolean();

    public boolean isPaused() {
        return paused.get();
    }

    /** Answers whether the state changed. */
    public boolean set(boolean pause) {
        return paused.getAndSet(pause) != pause;
    }
}
