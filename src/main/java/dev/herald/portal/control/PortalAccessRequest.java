package dev.herald.portal.control;

import dev.herald.platform.json.Fields;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/**
 * Svix's {@code AppPortalAccessIn}, every field optional: {@code expiry} in seconds,
 * {@code readOnly}, {@code featureFlags}, {@code sessionId}.
 */
public record PortalAccessRequest(Duration lifetime, boolean readOnly, Set<String> featureFlags, String sessionId) {
    /** Svix's default and its longest: a week. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(7);

    public static PortalAccessRequest read(JsonObject json) {
        Fields f = Fields.of(json);
        // Svix's shortest is an hour; Herald takes any positive number, so a portal session can
        // be short. Longer than a week is cut to a week rather than refused: the caller asked for
        // "as long as possible" and gets exactly that.
        Integer expiry = f.optionalInt("expiry", 1, Integer.MAX_VALUE);
        Boolean readOnly = f.optionalBoolean("readOnly");
        Set<String> flags = f.optionalStringSet("featureFlags", 64, 256);
        if (flags != null) {
            for (String flag : flags) {
                if (!flag.matches("^[a-zA-Z0-9\\-_.]+$")) {
                    f.error("featureFlags", "may contain only letters, digits, '-', '_' and '.'", "value_error.str.regex");
                    break;
                }
            }
        }
        String sessionId = f.optionalString("sessionId", 256);
        f.validate();
        return new PortalAccessRequest(lifetime(expiry), Boolean.TRUE.equals(readOnly),
                flags == null ? Set.of() : Set.copyOf(flags), sessionId);
    }

    static Duration lifetime(Integer expirySeconds) {
        if (expirySeconds == null) {
            return MAX_LIFETIME;
        }
        Duration asked = Duration.ofSeconds(expirySeconds);
        return asked.compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : asked;
    }
}
