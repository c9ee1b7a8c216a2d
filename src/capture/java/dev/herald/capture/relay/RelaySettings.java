package dev.herald.capture.relay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The library's configuration (MicroProfile Config: system properties, environment variables such
 * as {@code HERALD_URL}, {@code microprofile-config.properties}). Defaults in code; only where
 * Herald is has none, and without it events wait in the outbox.
 */
@ApplicationScoped
public class RelaySettings {
    @Inject
    Config config;

    /** Herald's base URL, e.g. {@code http://localhost:8080}; its API is below {@code /api/v1}. */
    public Optional<String> heraldUrl() {
        return config.getOptionalValue("herald.url", String.class).filter(s -> !s.isBlank())
                .map(s -> s.replaceAll("/+$", ""));
    }

    /** Herald's API token (the operator's, or one that may post messages and event types). */
    public Optional<String> token() {
        return config.getOptionalValue("herald.token", String.class).filter(s -> !s.isBlank());
    }

    /** How often the relay looks at the outbox when no commit woke it. */
    public Duration interval() {
        return Duration.ofMillis(config.getOptionalValue("herald.capture.relay.interval-ms", Long.class).orElse(1000L));
    }

    /** Rows read per round. */
    public int batch() {
        return config.getOptionalValue("herald.capture.relay.batch", Integer.class).orElse(100);
    }

    /** The longest pause between tries while Herald is unreachable. */
    public Duration maxBackoff() {
        return Duration.ofMillis(config.getOptionalValue("herald.capture.relay.max-backoff-ms", Long.class).orElse(5000L));
    }

    /** {@code create} (default): the library creates its tables at start; {@code none}: the application does. */
    public boolean createSchema() {
        return !"none".equalsIgnoreCase(config.getOptionalValue("herald.capture.schema", String.class).orElse("create"));
    }

    /** The application's event-type catalog, registered in Herald before the first event. */
    public String catalogResource() {
        return config.getOptionalValue("herald.capture.catalog", String.class).orElse("META-INF/herald/event-types.json");
    }
}
