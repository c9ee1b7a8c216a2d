package dev.herald.capture;

import dev.herald.capture.outbox.EventIds;

import dev.herald.capture.outbox.Outbox;
import dev.herald.capture.outbox.VersionedSnapshots;
import dev.herald.capture.relay.Relay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.logging.Logger;

/**
 * Turns a transaction's changes into outbox rows, inside that transaction: roots whose
 * subordinates changed are touched (and flushed, so {@code updated_at} is what the snapshot
 * shows); each changed root then becomes one row, named by its operation, with its visible
 * snapshot, or {@code {old, new}} for a versioned root. The relay posts the rows to Herald after
 * the commit; a rollback takes them with it. {@code @Captures} calls this when its method
 * returns; a boundary that must answer with what the webhook carries (a version, a timestamp)
 * may call it earlier.
 */
@ApplicationScoped
public class CapturePublisher {
    private static final Logger LOG = Logger.getLogger(CapturePublisher.class.getName());

    /** The application's persistence unit: the rows commit with its own changes. */
    @PersistenceContext
    EntityManager em;

    @Inject
    ChangeSet changes;

    @Inject
    ApplicationRouting routing;

    @Inject
    Outbox outbox;

    @Inject
    VersionedSnapshots snapshots;

    @Inject
    Relay relay;

    public void publish() {
        if (StandardResources.transactions().getTransactionStatus() != Status.STATUS_ACTIVE) {
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
        boolean wrote = false;
        for (ChangeSet.Entry e : changes.unpublished()) {
            e.published = true;
            Operation op = operation(e);
            if (op == null) {
                continue;
            }
            String eventType = e.root.eventTypeFor(op);
            JsonObject current = SnapshotRules.visible(e.root.webhookSnapshot());
            String payload = current.toString();
            WebhookObject object = EventTypes.annotationOrNull(e.root.getClass());
            if (object != null && object.versioned()) {
                // filed even when no event is named: the next update's old is this state
                payload = snapshots.file(EventTypes.rootType(e.root.getClass()), e.root.webhookId(), current,
                        op == Operation.UPDATED);
            }
            if (eventType == null) {
                continue;
            }
            String app = routing.applicationFor(e.root);
            if (app == null) {
                LOG.warning(() -> "No Herald application for " + e.root.getClass().getSimpleName() + " "
                        + e.root.webhookId() + " (no tenant, no herald.capture.application): " + eventType + " not sent");
                continue;
            }
            outbox.add(app, EventIds.of(e.root.webhookId(), op.name()), eventType, payload, e.root.endpointUrls());
            wrote = true;
        }
        if (wrote && changes.firstWakeRequest()) {
            StandardResources.transactions().registerInterposedSynchronization(new WakeAfterCommit(relay));
        }
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

    /** The rows are visible to the relay only after the commit: wake it then, not before. */
    private record WakeAfterCommit(Relay relay) implements Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                relay.wake();
            }
        }
    }
}
