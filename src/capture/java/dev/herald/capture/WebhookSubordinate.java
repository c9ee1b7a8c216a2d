package dev.herald.capture;

/**
 * An entity that belongs to a root: its changes send no event of their own, they touch the root's
 * {@code updated_at} in the same transaction, and the root sends one {@code updated}.
 */
public interface WebhookSubordinate {
    /** The root this record belongs to, or null when it belongs to none (yet). */
    WebhookRoot webhookRoot();
}
