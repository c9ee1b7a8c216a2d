package dev.herald.delivery.control;

import dev.herald.subscription.control.EndpointView;
import dev.herald.subscription.control.EndpointViews;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Runs one attempt of one delivery: claim, send, record, within the operator's limits. */
@ApplicationScoped
public class Dispatcher {
    @Inject
    LedgerBatches batches;

    @Inject
    WebhookSender sender;

    @Inject
    EndpointGate gate;

    @Inject
    DeliveryPause pause;

    @Inject
    DeliveryStats stats;

    @Inject
    OrderedLanes ordered;

    @Inject
    EndpointViews views;

    @Inject
    DeliveryLedger ledger;

    public void dispatch(DeliveryQueue.Ticket ticket) {
        if (pause.isPaused()) {
            // the row keeps what is owed (a rowless delivery gets one); resuming queues it again
            if (ticket.hint() != null && ticket.hint().rowless() && ticket.attempt() == 1) {
                ledger.waitAsPending(java.util.List.of(ticket));
            }
            return;
        }
        if (ticket.endpointId() == null) {
            attempt(ticket);
            return;
        }
        EndpointView view = views.byId(ticket.endpointId());
        if (view != null && view.contract().ordered()) {
            ordered.wake(ticket.endpointId()); // the line is read from the rows, in order
        } else if (!OrderedLanes.WAKE.equals(ticket.deliveryId())) {
            gate.run(ticket, this::attempt);
        }
    }

    void attempt(DeliveryQueue.Ticket ticket) {
        if (pause.isPaused()) {
            return;
        }
        DeliveryTask task = batches.claim(ticket);
        if (task == null) {
            return;
        }
        stats.started();
        Outcome outcome = sender.send(task);
        // Recorded after this thread has moved on; unrecorded (the ledger failed), the delivery
        // stays owed and the sweeper queues it again.
        batches.recordLater(task, outcome, recorded -> stats.finished(task.endpointId(), outcome, recorded));
    }
}
