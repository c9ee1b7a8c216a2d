package dev.herald.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Runs one attempt of one delivery: claim, send, record, within the operator's limits. */
@ApplicationScoped
public class Dispatcher {
    /** How long a ticket that found its endpoint's gate full waits before it is tried again. */
    static final long GATE_RETRY_MILLIS = 250;

    @Inject
    DeliveryLedger ledger;

    @Inject
    WebhookSender sender;

    @Inject
    EndpointGate gate;

    @Inject
    DeliveryPause pause;

    @Inject
    DeliveryQueue queue;

    @Inject
    DeliveryStats stats;

    public void dispatch(DeliveryQueue.Ticket ticket) {
        if (pause.isPaused()) {
            return; // the row keeps what is owed; resuming queues it again
        }
        String endpointId = ticket.endpointId();
        if (endpointId != null && !gate.tryEnter(endpointId)) {
            queue.enqueue(List.of(ticket.later(GATE_RETRY_MILLIS)));
            return;
        }
        try {
            DeliveryTask task = ledger.begin(ticket.deliveryId(), ticket.attempt());
            if (task == null) {
                return;
            }
            stats.started();
            Outcome outcome = sender.send(task);
            try {
                ledger.finish(task, outcome);
            } finally {
                stats.finished(outcome.succeeded());
            }
        } finally {
            if (endpointId != null) {
                gate.leave(endpointId);
            }
        }
    }
}
