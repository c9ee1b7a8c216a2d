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
        @Schema(required = true, description = "The customer portal's address, the token in the fragment")
        public String url;
        @Schema(required = true, example = "appsk_…") public String token;
    }

    @Schema(name = "AppPortalSessionOut", description = "Herald extension: what the presented application token may do")
    static final class SessionOut {
        @Schema(required = true, example = "app_01k0000000000000000000000") public String appId;
        public String appUid;
        @Schema(required = true) public String appName;
        @Schema(required = true, description = "Only GET requests are allowed") public boolean readOnly;
        @Schema(required = true, format = "date-time") public String expiresAt;
    }

    @Schema(name = "ApplicationTokenExpireIn", description = "Every field optional",
            properties = {@SchemaProperty(name = "sessionIds", description = "Only the tokens of these sessions")})
    static final class ExpireAllIn {
        @Schema(minimum = "0", description = "End the tokens after this many seconds (absent: now)")
        public Integer expiry;
        public List<String> sessionIds;
    }
}
