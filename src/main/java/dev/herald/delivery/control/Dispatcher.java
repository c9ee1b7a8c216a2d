package dev.herald.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Runs one attempt of one delivery: claim, send, record. */
@ApplicationScoped
public class Dispatcher {
    @Inject
    DeliveryLedger ledger;

    @Inject
    WebhookSender sender;

    public void dispatch(String deliveryId, int attempt) {
        DeliveryTask task = ledger.begin(deliveryId, attempt);
        if (task == null) {
            return;
        }
        Outcome outcome = sender.send(task);
        ledger.finish(task, outcome);
    }
}
