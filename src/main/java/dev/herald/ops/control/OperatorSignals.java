package dev.herald.ops.control;

import dev.herald.subscription.control.EndpointDisabled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/** Turns events an operator must hear about into log lines and counters. */
@ApplicationScoped
public class OperatorSignals {
    private static final Logger LOG = Logger.getLogger(OperatorSignals.class.getName());

    private final AtomicLong endpointsDisabled = new AtomicLong();

    void onEndpointDisabled(@Observes EndpointDisabled event) {
        endpointsDisabled.incrementAndGet();
        LOG.warning("Endpoint " + event.endpointId() + " of application " + event.appId() + " disabled: "
                + event.reason());
    }

    public long endpointsDisabled() {
        return endpointsDisabled.get();
    }
}
