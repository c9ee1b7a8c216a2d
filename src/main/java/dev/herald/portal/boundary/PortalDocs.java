package dev.herald.portal.boundary;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/**
 * Documentation only: request and response schemas of {@link AuthResource} for {@code /openapi}.
 * Never instantiated; the requests are read by {@code PortalAccessRequest} and {@code ExpireAllRequest}.
 */
final class PortalDocs {
    private PortalDocs() {
    }

    @Schema(name = "AppPortalAccessIn", description = "Every field optional",
            properties = {@SchemaProperty(name = "featureFlags", description = "Stored, not yet used")})
    static final class AccessIn {
        @Schema(minimum = "1", description = "Lifetime in seconds; default and longest 7 days") public Integer expiry;
        public Boolean readOnly;
        @Schema(maxLength = 256) public String sessionId;
        public List<String> featureFlags;
    }

    @Schema(name = "AppPortalAccessOut")
    static final class AccessOut {
        @Schema(required = true, description = "The application's API address, token in the fragment")
        public String url;
        @Schema(required = true, example = "appsk_…") public String token;
    }

    @Schema(name = "ApplicationTokenExpireIn", description = "Every field optional",
            properties = {@SchemaProperty(name = "sessionIds", description = "Only the tokens of these sessions")})
    static final class ExpireAllIn {
        @Schema(minimum = "0", description = "End the tokens after this many seconds (absent: now)")
        public Integer expiry;
        public List<String> sessionIds;
    }
}
