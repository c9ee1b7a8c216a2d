package dev.herald.portal.control;

import dev.herald.platform.json.Fields;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/**
 * Svix's {@code ApplicationTokenExpireIn}: {@code expiry}, the seconds until the tokens end
 * (default: now), and {@code sessionIds}, to end only the tokens of those sessions.
 */
public record ExpireAllRequest(Duration delay, Set<String> sessionIds) {
    /** A grace period longer than a token's longest life would change nothing. */
    static final int MAX_DELAY_SECONDS = (int) PortalAccessRequest.MAX_LIFETIME.toSeconds();

    public static ExpireAllRequest read(JsonObject json) {
        Fields f = Fields.of(json);
        Integer expiry = f.optionalInt("expiry", 0, MAX_DELAY_SECONDS);
        Set<String> sessions = f.optionalStringSet("sessionIds", 1000, 256);
        f.validate();
        return new ExpireAllRequest(Duration.ofSeconds(expiry == null ? 0 : expiry),
                sessions == null ? Set.of() : Set.copyOf(sessions));
    }
}
