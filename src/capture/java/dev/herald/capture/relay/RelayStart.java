package dev.herald.capture.relay;

import dev.herald.capture.outbox.CaptureSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * At the application's start: the library's tables (unless the application manages its schema),
 * then the relay, which posts whatever earlier runs committed and did not get to Herald.
 */
@ApplicationScoped
public class RelayStart {
    @Inject
    RelaySettings settings;

    @Inject
    CaptureSchema schema;

    @Inject
    Relay relay;

    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        if (settings.createSchema()) {
            schema.create();
        }
        relay.start(Thread.currentThread().getContextClassLoader());
    }
}
