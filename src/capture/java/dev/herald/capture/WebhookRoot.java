package dev.herald.capture;

import jakarta.json.JsonObject;
import java.util.Map;

/**
 * An entity whose changes become webhooks. It says which tenant it belongs to (the tenant is the
 * uid of a Herald application), whether it is soft-deleted, how to touch its {@code updated_at}
 * when a subordinate changes, and what its full current snapshot is. The snapshot may contain
 * {@code tenant_id}, {@code is_deleted} and soft-deleted subordinates: capture removes them.
 */
public interface WebhookRoot {
    /** The root's id as the payload shows it. */
    String webhookId();

    /**
     * The tenant, i.e. the uid of the Herald application its events go to, unless configuration
     * names one for this root's type ({@code herald.capture.application.<svc>.<object>}); null when
     * configuration decides ({@code herald.capture.application}).
     */
    String tenantId();

    /** Soft-deleted: the change that sets this sends {@code deleted}, not {@code updated}. */
    default boolean softDeleted() {
        return false;
    }

    /** Touches {@code updated_at}: a subordinate changed (bubble-up). */
    void touch();

    /** The full current state. */
    JsonObject webhookSnapshot();

    /**
     * The event type for an operation, or null for none. By default Talview's naming from
     * {@link WebhookObject}; lifecycle events (interview.completed, session.paused…) override it.
     */
    default String eventTypeFor(Operation operation) {
        return EventTypes.eventType(getClass(), operation);
    }

    /**
     * Per-object URL overrides for this event, keyed by endpoint id or uid, or {@code "*"} for
     * every endpoint (TalentSprout's per-interview webhook URL); empty by default.
     */
    default Map<String, String> endpointUrls() {
        return Map.of();
    }
}
