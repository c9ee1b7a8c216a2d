package dev.herald.capture;

import jakarta.persistence.Entity;
import jakarta.transaction.TransactionScoped;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
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
    static final class Entry {
        WebhookRoot root;
        final Key key;
        boolean created;
        boolean updated;
        boolean removed;
        boolean bubbled;
        boolean touched;
        boolean published;

        Entry(WebhookRoot root, Key key) {
            this.root = root;
            this.key = key;
        }
    }

    /**
     * A root by entity class and id, not by object identity: a subordinate's lazy reference to its
     * root may be a provider's proxy (Hibernate) while the root's own callbacks see the entity,
     * and EclipseLink calls {@code @PostLoad} on both its shared-cache original and the
     * transaction's working copy. Neither provider's API is needed to see them as one root.
     */
    record Key(Class<?> type, String id) {
        static Key of(WebhookRoot root) {
            return new Key(entityClass(root.getClass()), root.webhookId());
        }

        /** The mapped class: a proxy's class is a subclass of it without {@code @Entity}. */
        static Class<?> entityClass(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                if (c.isAnnotationPresent(Entity.class)) {
                    return c;
                }
            }
            return type;
        }
    }

    private final transient List<Entry> entries = new ArrayList<>();
    private final transient Map<Key, Boolean> deletedAtLoad = new HashMap<>();
    private boolean wakeRegistered;

    void record(EntityChanged change) {
        if (change.entity() instanceof WebhookRoot root) {
            Key key = Key.of(root);
            switch (change.kind()) {
                case LOADED -> deletedAtLoad.putIfAbsent(key, root.softDeleted());
                case PERSISTED -> entry(root, key, true).created = true;
                case UPDATED -> entry(root, key, true).updated = true;
                case REMOVED -> entry(root, key, true).removed = true;
            }
        } else if (change.entity() instanceof WebhookSubordinate sub && change.kind() != EntityChanged.Kind.LOADED) {
            WebhookRoot root = sub.webhookRoot();
            if (root != null) {
                entry(root, Key.of(root), false).bubbled = true;
            }
        }
    }

    /**
     * @param own whether the root's own callback reported it: then this object is the entity
     *     itself, which the entry keeps in preference to a subordinate's proxy of it
     */
    private Entry entry(WebhookRoot root, Key key, boolean own) {
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.key.equals(key)) {
                if (e.published) {
                    // changed again after an inner boundary published it: a new event
                    e = new Entry(e.root, key);
                    entries.set(i, e);
                }
                if (own) {
                    e.root = root;
                }
                return e;
            }
        }
        Entry e = new Entry(root, key);
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
        return Boolean.TRUE.equals(deletedAtLoad.get(Key.of(root)));
    }

    /** True the first time only: one wake-up of the relay per transaction is enough. */
    boolean firstWakeRequest() {
        boolean first = !wakeRegistered;
        wakeRegistered = true;
        return first;
    }
}
