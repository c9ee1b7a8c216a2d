package dev.herald.capture;

import dev.herald.app.control.Applications;
import dev.herald.app.entity.Application;
import dev.herald.message.control.Ingest;
import dev.herald.platform.Times;
import dev.herald.platform.json.JsonText;
import dev.herald.platform.json.Jsonp;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.logging.Logger;

/**
 * Turns a transaction's changes into messages, inside that transaction: roots whose
 * subordinates changed are touched (and flushed, so {@code updated_at} is what the snapshot
 * shows); each changed root then becomes one message, named by its operation, with its visible
 * snapshot, or {@code {old, new}} for a versioned root, ingested exactly as the API ingests.
 */
@ApplicationScoped
public class CapturePublisher {
    private static final Logger LOG = Logger.getLogger(CapturePublisher.class.getName());

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    ChangeSet changes;

    @Inject
    Applications applications;

    @Inject
    Ingest ingest;

    public void publish() {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return;
        }
        em.flush(); // the callbacks fire now, and fill the change set
        for (int round = 0; round < 8; round++) {
            var touch = changes.toTouch();
            if (touch.isEmpty()) {
                break;
            }
            for (ChangeSet.Entry e : touch) {
                e.root.touch();
                e.touched = true;
            }
            em.flush();
        }
        for (ChangeSet.Entry e : changes.unpublished()) {
            e.published = true;
            Operation op = operation(e);
            if (op == null) {
                continue;
            }
            String eventType = e.root.eventTypeFor(op);
            JsonObject current = SnapshotRules.visible(e.root.webhookSnapshot());
            String payload = current.toString();
            if (isVersioned(e.root)) {
                payload = versioned(e.root, op, current);
            }
            if (eventType == null) {
                continue;
            }
            Application app = applications.byUid(e.root.tenantId());
            if (app == null) {
                LOG.fine(() -> "No application for tenant " + e.root.tenantId() + ": " + eventType + " not sent");
                continue;
            }
            ingest.accept(app, eventType, payload, eventId(e.root.webhookId(), op), null, e.root.endpointUrls());
        }
    }

    /**
     * The message's {@code eventId} names the object that caused it, so a delivery in the log
     * (whose attempts show {@code eventId}) traces back to it, as TalentLynk's log shows related
     * entity ids: {@code <object id>.<operation>.<unique suffix>}, within Svix's eventId rules.
     */
    static String eventId(String objectId, Operation op) {
        String object = objectId == null ? "object" : objectId.replaceAll("[^a-zA-Z0-9\\-_.]", "-");
        String suffix = dev.herald.platform.Ids.next("e").substring(2);
        String id = object + "." + op.name().toLowerCase(java.util.Locale.ROOT) + "." + suffix;
        // the suffix keeps it unique; the object id is cut rather than the suffix
        return id.length() <= 256 ? id : object.substring(0, 256 - (id.length() - object.length())) + id.substring(object.length());
    }

    /** What the change amounts to, or null when it sends nothing. */
    private Operation operation(ChangeSet.Entry e) {
        if (e.removed) {
            // created and removed in one transaction: nobody ever saw it
            return e.created || changes.wasDeletedAtLoad(e.root) ? null : Operation.DELETED;
        }
        if (e.root.softDeleted()) {
            return e.created || changes.wasDeletedAtLoad(e.root) ? null : Operation.DELETED;
        }
        if (e.created) {
            return Operation.CREATED;
        }
        return e.updated || e.bubbled ? Operation.UPDATED : null;
    }

    private static boolean isVersioned(WebhookRoot root) {
        for (Class<?> c = root.getClass(); c != null; c = c.getSuperclass()) {
            WebhookObject object = c.getAnnotation(WebhookObject.class);
            if (object != null) {
                return object.versioned();
            }
        }
        return false; // lifecycle roots name their own events and keep no snapshots
    }

    /** Files the new snapshot and answers {@code {"old", "new"}} (old is null the first time). */
    private String versioned(WebhookRoot root, Operation op, JsonObject current) {
        String type = EventNames.rootType(root.getClass());
        SnapshotVersion latest = em.createQuery("select s from SnapshotVersion s where s.rootType = :type and "
                + "s.rootId = :id order by s.version desc", SnapshotVersion.class)
                .setParameter("type", type).setParameter("id", root.webhookId()).setMaxResults(1)
                .getResultStream().findFirst().orElse(null);
        int next = latest == null ? 1 : latest.getVersion() + 1;
        em.persist(new SnapshotVersion(type, root.webhookId(), next, current.toString(), Times.now()));
        if (op != Operation.UPDATED) {
            return current.toString();
        }
        JsonValue old = latest == null ? JsonValue.NULL : JsonText.parse(latest.getSnapshot());
        return Jsonp.PROVIDER.createObjectBuilder().add("old", old).add("new", current).build().toString();
    }
}
