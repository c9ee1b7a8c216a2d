package dev.herald.delivery.control;

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

    public void dispatch(DeliveryQueue.Ticket ticket) {
        if (pause.isPaused()) {
            return; // the row keeps what is owed; resuming queues it again
        }
        if (ticket.endpointId() == null) {
            attempt(ticket);
        } else {
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
        // Unrecorded (the ledger failed): the delivery stays owed and the sweeper queues it again.
        DeliveryStats.AttemptOutcome recorded = outcome.succeeded() ? DeliveryStats.AttemptOutcome.SUCCEEDED
                : DeliveryStats.AttemptOutcome.FAILED_WILL_RETRY;
        try {
            recorded = batches.record(task, outcome);
        } finally {
            stats.finished(task.endpointId(), outcome, recorded);
        }
    }
}
