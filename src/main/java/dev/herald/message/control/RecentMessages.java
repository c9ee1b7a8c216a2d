package dev.herald.message.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages this instance has just written, kept in memory for their first attempts: the attempt
 * that follows an ingest a few milliseconds later finds the payload here instead of reading it
 * back from the database. A message leaves once each of its first attempts has started (under
 * load a few milliseconds after it came), and otherwise when it is the oldest and the payloads
 * or messages kept are over their bounds; a message not found here (another instance wrote it,
 * a retry, a restart) is read from its row.
 *
 * <p>Leaving at the first attempts is what keeps this cache out of the old generation: kept until
 * pushed out, 8 Mi characters of payload held the last ten seconds of messages at saturation,
 * every one of them outlived a few young collections, and they were most of what the serial
 * collector promoted (at saturation 1.2-1.35 MB/s before, 0.23-0.38 after), which its full
 * collections then cleared in 300-450 ms pauses.
 */
@ApplicationScoped
public class RecentMessages {
    /** Characters of payload kept at most: small against the heap, large against a burst. */
    static final long MAX_CHARS = 8L << 20;
    /** Messages remembered at most, including those gone already whose turn to be forgotten has not come. */
    static final int MAX_QUEUED = 1 << 16;

    /** What an attempt needs of a message. */
    public record Cached(String id, String appId, String eventType, String eventId, Instant timestamp, String payload) {
    }

    private record Entry(Cached message, AtomicInteger firstAttempts) {
    }

    private final ConcurrentHashMap<String, Entry> byId = new ConcurrentHashMap<>();
    /** Ids in the order they came, guarded by {@code this}: only {@link #put} adds and removes. */
    private final ArrayDeque<String> order = new ArrayDeque<>();
    private final AtomicLong chars = new AtomicLong();

    /** Keeps a message just written until its {@code firstAttempts} first attempts have started. */
    public synchronized void put(Cached message, int firstAttempts) {
        if (firstAttempts <= 0 || message.payload().length() > MAX_CHARS / 16) {
            return; // nothing will ask for it; a huge payload would push out everything else
        }
        if (byId.putIfAbsent(message.id(), new Entry(message, new AtomicInteger(firstAttempts))) != null) {
            return;
        }
        order.addLast(message.id());
        chars.addAndGet(message.payload().length());
        // Out go the ids at the head whose attempts have started (attempts follow ingest in about
        // its order, so these are most), then the oldest while over a bound.
        for (String head; (head = order.peekFirst()) != null; order.pollFirst()) {
            Entry e = byId.get(head);
            if (e != null && chars.get() <= MAX_CHARS && order.size() <= MAX_QUEUED) {
                return;
            }
            if (e != null && byId.remove(head, e)) {
                chars.addAndGet(-e.message().payload().length());
            }
        }
    }

    /** The message, or null when it is not (or no longer) here. */
    public Cached get(String id) {
        Entry e = byId.get(id);
        return e == null ? null : e.message();
    }

    /** One first attempt of this message has its payload: after the last one, the message is not kept. */
    public void firstAttemptStarted(String id) {
        Entry e = byId.get(id);
        if (e != null && e.firstAttempts().decrementAndGet() <= 0 && byId.remove(id, e)) {
            chars.addAndGet(-e.message().payload().length());
        }
    }
}
