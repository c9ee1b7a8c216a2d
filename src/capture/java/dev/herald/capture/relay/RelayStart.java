package dev.herald.capture.relay;

import dev.herald.capture.outbox.CaptureSchema;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * At the application's start: the library's tables (unless the application manages its schema),
 * then the relay, which posts whatever earlier runs committed and did not get to Herald. A
 * startup singleton rather than an observer of {@code @Initialized(ApplicationScoped.class)}:
 * Payara fires that event before the module's naming context exists, so the persistence context
 * and the thread factory cannot be looked up yet.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RelayStart {
    @Inject
    RelaySettings settings;

    @Inject
    CaptureSchema schema;

    @Inject
    Relay relay;

    @PostConstruct
    void started() {
        if (settings.createSchema()) {
            schema.create();
        }
        relay.start(Thread.currentThread().getContextClassLoader());
    }
}
