package dev.herald.delivery.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Endpoints whose failing-since mark this instance cleared a moment ago. A record batch clears
 * the mark of every endpoint that succeeded in it, one update per endpoint, and nearly always
 * finds none set: under load that was an update per batch (and, with many endpoints, nearly one
 * per message) that changed nothing. An endpoint cleared here within {@link #TRUST_NANOS} is not
 * asked again, unless this instance marked it failing since. Another instance's mark waits at
 * most that long to be cleared, against the hours after which a failing endpoint is disabled.
 */
final class ClearedMarks {
    static final long TRUST_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Past this many endpoints the memory starts again (deleted endpoints leave theirs behind). */
    static final int MAX_ENDPOINTS = 100_000;

    private final ConcurrentHashMap<String, Long> clearedAt = new ConcurrentHashMap<>();

    /** The endpoints among these whose mark may be set: not cleared here in the last {@link #TRUST_NANOS}. */
    List<String> mayBeMarked(Collection<String> endpointIds, long nowNanos) {
        List<String> out = new ArrayList<>(endpointIds.size());
        for (String id : endpointIds) {
            Long at = clearedAt.get(id);
            if (at == null || nowNanos - at >= TRUST_NANOS) {
                out.add(id);
            }
        }
        return out;
    }

    /** Their marks are clear as of {@code nowNanos} (called after the commit that cleared them). */
    void cleared(Collection<String> endpointIds, long nowNanos) {
        if (clearedAt.size() > MAX_ENDPOINTS) {
            clearedAt.clear();
        }
        endpointIds.forEach(id -> clearedAt.put(id, nowNanos));
    }

    /** This instance is setting its mark: the next success clears it again. */
    void marking(String endpointId) {
        clearedAt.remove(endpointId);
    }
}
