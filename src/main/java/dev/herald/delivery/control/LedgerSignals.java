package dev.herald.delivery.control;

import dev.herald.subscription.control.EndpointDisabled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Tells the observers what a batch of recorded attempts changed for an operator: signals
 * (Svix's operational events) and endpoints the ledger disabled. They run in a JTA transaction
 * of their own once the record has committed, since they write through the entity manager (an
 * operational webhook, the endpoint's disabled reason). A crash between the two loses the
 * notice, not the record; the endpoint stays disabled and says so in its row.
 */
@ApplicationScoped
public class LedgerSignals {
    @Inject
    Event<AttemptSignal> signals;

    @Inject
    Event<EndpointDisabled> disabled;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void fire(List<AttemptSignal> attemptSignals, List<EndpointDisabled> endpointsDisabled) {
        attemptSignals.forEach(signals::fire);
        endpointsDisabled.forEach(disabled::fire);
    }
}
