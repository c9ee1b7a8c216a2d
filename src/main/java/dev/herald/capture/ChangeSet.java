package dev.herald.capture;

import jakarta.transaction.TransactionScoped;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one transaction changed, per root: whether the root was created, updated, removed, or
 * touched by a subordinate, and whether it was already soft-deleted when this transaction loaded
 * it. Several changes to one root make one entry, so they send one event.
 */
@TransactionScoped
public class ChangeSet implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One root's changes in this transaction. */
    public static final class Entry {
        final WebhookRoot root;
        boolean created;
        boolean updated;
        boolean removed;
        boolean bubbled;
        boolean touched;
        boolean published;

        Entry(WebhookRoot root) {
            this.root = root;
        }
    }

    private final transient List<Entry> entries = new ArrayList<>();
    private final transient Map<WebhookRoot, Boolean> deletedAtLoad = new IdentityHashMap<>();

    void record(EntityChanged change) {
        if (change.entity() instanceof WebhookRoot proxyOrRoot) {
            WebhookRoot root = unproxy(proxyOrRoot);
            switch (change.kind()) {
                case LOADED -> deletedAtLoad.put(root, root.softDeleted());
                case PERSISTED -> entry(root).created = true;
                case UPDATED -> entry(root).updated = true;
                case REMOVED -> entry(root).removed = true;
            }
        } else if (change.entity() instanceof WebhookSubordinate sub && change.kind() != EntityChanged.Kind.LOADED) {
            WebhookRoot root = sub.webhookRoot();
            if (root != null) {
                entry(unproxy(root)).bubbled = true;
            }
        }
    }

    /**
     * A subordinate's lazy reference to its root is a Hibernate proxy, while the root's own
     * callbacks see the entity itself: both must land in one entry.
     */
    private static WebhookRoot unproxy(WebhookRoot root) {
        return (WebhookRoot) org.hibernate.Hibernate.unproxy(root);
    }

    private Entry entry(WebhookRoot root) {
        // identity, not equals: entities may define equals by id, and one root is one object here
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.root == root) {
                if (e.published) {
                    // changed again after an inner boundary published it: a new event
                    e = new Entry(root);
                    entries.set(i, e);
                }
                return e;
            }
        }
        Entry e = new Entry(root);
        entries.add(e);
        return e;
    }

    /** Roots a subordinate changed that have not been touched yet. */
    List<Entry> toTouch() {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.bubbled && !e.touched && !e.created && !e.removed && !e.published) {
                out.add(e);
            }
        }
        return out;
    }

    List<Entry> unpublished() {
        return entries.stream().filter(e -> !e.published).toList();
    }

    boolean wasDeletedAtLoad(WebhookRoot root) {
        return Boolean.TRUE.equals(deletedAtLoad.get(root));
    }

}
