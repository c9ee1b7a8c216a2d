package dev.herald.message.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages this instance has just written, kept in memory for their first attempts: the attempt
 * that follows an ingest a few milliseconds later finds the payload here instead of reading it
 * back from the database. Bounded by payload size (oldest out first); a message not found here
 * (another instance wrote it, a retry hours later, a restart) is read from its row.
 */
@ApplicationScoped
public class RecentMessages {
    /** Characters of payload kept at most: small against the heap, large against a burst. */
    static final long MAX_CHARS = 8L << 20;

    /** What an attempt needs of a message. */
    public record Cached(String id, String appId, String eventType, String eventId, Instant timestamp, String payload) {
    }

    private final ConcurrentHashMap<String, Cached> byId = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
    private final AtomicLong chars = new AtomicLong();

    public void put(Cached message) {
        if (message.payload().length() > MAX_CHARS / 16) {
            return; // a huge payload would push out everything else
        }
        if (byId.putIfAbsent(message.id(), message) != null) {
            return;
        }
        order.add(message.id());
        long now = chars.addAndGet(message.payload().length());
        while (now > MAX_CHARS) {
            String oldest = order.poll();
            if (oldest == null) {
                break;
            }
            Cached gone = byId.remove(oldest);
            now = gone == null ? chars.get() : chars.addAndGet(-gone.payload().length());
        }
    }

    /** The message, or null when it is not (or no longer) here. */
    public Cached get(String id) {
        return byId.get(id);
    }
}
