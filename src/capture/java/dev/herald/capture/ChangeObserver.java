package dev.herald.capture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.logging.Logger;

/**
 * Observes entity changes in the transaction that makes them (a synchronous observer, so
 * {@code IN_PROGRESS}) and hands them to that transaction's {@link ChangeSet}. Changes outside a
 * transaction cannot be captured atomically and are ignored, with a warning.
 */
@ApplicationScoped
public class ChangeObserver {
    private static final Logger LOG = Logger.getLogger(ChangeObserver.class.getName());

    @Inject
    ChangeSet changes;

    void on(@Observes EntityChanged change) {
        boolean relevant = change.entity() instanceof WebhookRoot || change.entity() instanceof WebhookSubordinate;
        if (!relevant) {
            return;
        }
        if (StandardResources.transactions().getTransactionStatus() != Status.STATUS_ACTIVE) {
            if (change.kind() != EntityChanged.Kind.LOADED) {
                LOG.warning("A change to " + change.entity().getClass().getSimpleName()
                        + " outside a transaction sends no webhook");
            }
            return;
        }
        changes.record(change);
    }
}
