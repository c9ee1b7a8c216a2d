package dev.herald.subscription.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/**
 * Documentation only: request and list schemas of {@link EndpointsResource} and
 * {@link EndpointHeadersResource} for {@code /openapi}. Never instantiated; the resources read
 * bodies strictly with {@code Fields} and {@code ContractInput}.
 */
final class EndpointDocs {
    static final String KEY_TYPE = "Herald extension: the key to generate when none is given: hmac-sha256 (Standard "
            + "Webhooks v1, default) or ed25519 (v1a; receivers get only the public key, whpk_…)";

    private EndpointDocs() {
    }

    static final String METHOD = "Herald extension: the HTTP method of each webhook";
    static final String FORMAT = "Herald extension: raw (the payload is the body) or envelope "
            + "({\"event\", \"timestamp\", \"data\"})";
    static final String SIGNATURE = "Herald extension: how webhooks are signed";
    static final String AUTH = "Herald extension: the receiver's own credential, sent with every webhook. "
            + "Write-only: answers show \"********\", and sending the mask back keeps the stored value";
    static final String HEADERS = "Herald extension (also at …/headers, as in Svix): static headers; names are "
            + "tokens, values visible ASCII, 4 KiB in all";
    static final String TIMEOUT = "Herald extension: time for the whole exchange, body included "
            + "(absent: HERALD_DELIVERY_REQUEST_TIMEOUT_MS)";
    static final String RETRY_ON = "Herald extension: the failures worth another attempt, among network, 5xx, "
            + "408 and 429 (absent: all four); others are final";
    static final String RETRY_SCHEDULE = "Herald extension: delays in seconds before each attempt, e.g. [0, 2, 4] "
            + "for three (absent: the application's, else the server's)";

    @Schema(name = "EndpointIn", description = "POST and PUT body. Herald's own fields (method, format, signature, "
            + "auth, headers, timeoutMs, retryOn, retrySchedule) change only when present; null returns one to its "
            + "default.",
            properties = {@SchemaProperty(name = "filterTypes", description = "Event types delivered (absent: all)", example = "[\"candidate.created\"]"),
                @SchemaProperty(name = "eventTypes", description = "The same as filterTypes (the name some Svix SDK models use)"),
                @SchemaProperty(name = "retrySchedule", description = RETRY_SCHEDULE),
                @SchemaProperty(name = "retryOn", description = RETRY_ON, example = "[\"5xx\", \"network\"]")})
    static final class In {
        @Schema(required = true, maxLength = 2048, example = "https://hooks.example.com/herald",
                description = "https:// to a public address (HERALD_TARGETS_ALLOW CIDRs exempt)")
        public String url;
        @Schema(maxLength = 4096) public String description;
        @Schema(maxLength = 256, pattern = "^[a-zA-Z0-9\\-_.]+$") public String uid;
        public List<String> filterTypes;
        public List<String> eventTypes;
        public List<String> channels;
        public Boolean disabled;
        @Schema(minimum = "1", maximum = "65535") public Integer rateLimit;
        @Schema(minimum = "1", maximum = "65535") public Integer throttleRate;
        @Schema(minimum = "1", maximum = "1") public Integer version;
        public Map<String, String> metadata;
        @Schema(description = "whsec_ and base64 of 24–64 bytes, or an Ed25519 key pair as whsk_ and base64 of seed and "
                + "public key (signatures v1a); absent: generated") public String secret;
        @Schema(description = KEY_TYPE, enumeration = {"hmac-sha256", "ed25519"}) public String keyType;
        public List<Long> retrySchedule;
        @Schema(description = METHOD, enumeration = {"POST", "PUT", "PATCH"}, defaultValue = "POST")
        public String method;
        @Schema(description = FORMAT, enumeration = {"raw", "envelope"}, defaultValue = "raw") public String format;
        @Schema(description = SIGNATURE) public SignatureIn signature;
        @Schema(description = AUTH) public AuthIn auth;
        @Schema(description = HEADERS) public Map<String, String> headers;
        @Schema(description = TIMEOUT, minimum = "1000", maximum = "60000") public Integer timeoutMs;
        public List<String> retryOn;
    }

    @Schema(name = "EndpointPatch", description = "PATCH body: only the fields present change; null clears "
            + "(Herald's own fields return to their defaults). Fields as in EndpointIn.",
            properties = {@SchemaProperty(name = "retrySchedule", description = RETRY_SCHEDULE),
                @SchemaProperty(name = "retryOn", description = RETRY_ON)})
    static final class Patch {
        public String url;
        public String description;
        public String uid;
        public List<String> filterTypes;
        public List<String> eventTypes;
        public List<String> channels;
        public Boolean disabled;
        public Integer rateLimit;
        public Integer throttleRate;
        public Map<String, String> metadata;
        public String secret;
        public List<Long> retrySchedule;
        @Schema(description = METHOD, enumeration = {"POST", "PUT", "PATCH"}) public String method;
        @Schema(description = FORMAT, enumeration = {"raw", "envelope"}) public String format;
        @Schema(description = SIGNATURE) public SignatureIn signature;
        @Schema(description = AUTH) public AuthIn auth;
        @Schema(description = HEADERS) public Map<String, String> headers;
        @Schema(description = TIMEOUT, minimum = "1000", maximum = "60000") public Integer timeoutMs;
        public List<String> retryOn;
    }

    @Schema(name = "EndpointSignature", description = "Herald extension. standard-webhooks: webhook-signature "
            + "v1,<base64 HMAC-SHA256 of \"{id}.{timestamp}.{body}\">. timestamped-hmac: t=<unix s>,v1=<hex HMAC-SHA256 "
            + "of \"<t>.<body>\"> keyed with the whole secret string (Stripe-style). none: unsigned.")
    static final class SignatureIn {
        @Schema(required = true, enumeration = {"standard-webhooks", "timestamped-hmac", "none"}) public String scheme;
        @Schema(description = "timestamped-hmac only; default X-TalentSprout-Signature") public String header;
    }

    @Schema(name = "EndpointAuth", description = "Herald extension. bearer: Authorization: Bearer <token>; "
            + "header: <name>: <value>.")
    static final class AuthIn {
        @Schema(required = true, enumeration = {"bearer", "header"}) public String type;
        @Schema(description = "bearer only") public String token;
        @Schema(description = "header only", example = "X-Webhook-Secret") public String name;
        @Schema(description = "header only") public String value;
    }

    @Schema(name = "ListResponse_EndpointOut_", requiredProperties = {"data"})
    static final class Page {
        public List<EndpointOut> data;
        public String iterator;
        public String prevIterator;
        @Schema(required = true) public boolean done;
    }

    @Schema(name = "EndpointSecretOut")
    static final class SecretOut {
        @Schema(required = true, example = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
                description = "The HMAC secret, or for an Ed25519 key only its public half (whpk_…)") public String key;
    }

    @Schema(name = "EndpointSecretRotateIn", description = "Every field optional")
    static final class RotateIn {
        @Schema(description = "The new secret, whsec_ or whsk_ (absent: generated)") public String key;
        @Schema(description = KEY_TYPE, enumeration = {"hmac-sha256", "ed25519"}) public String keyType;
        @Schema(minimum = "0", maximum = "2592000", description = "Herald extension: how long the old secret keeps "
                + "signing beside the new one (absent: HERALD_SECRET_ROTATION_OVERLAP_SECONDS)")
        public Integer overlapSeconds;
    }

    @Schema(name = "EndpointSecretRotateOut", description = "Herald extension: Svix answers 204 without a body")
    static final class RotateOut {
        @Schema(required = true, description = "The new secret; shown only here") public String key;
        @Schema(required = true, format = "date-time", description = "The old secret signs beside the new one until then")
        public String previousSecretUntil;
    }

    @Schema(name = "RecoverIn")
    static final class RecoverIn {
        @Schema(required = true, description = "Exhausted deliveries created since then are retried")
        public Instant since;
        public Instant until;
    }

    @Schema(name = "RecoverOut")
    static final class RecoverOut {
        @Schema(required = true) public String id;
        @Schema(required = true, example = "finished") public String status;
        @Schema(required = true, example = "endpoint.recover") public String task;
        @Schema(description = "Herald extension: how many deliveries got a fresh retry chain") public int recovered;
    }

    @Schema(name = "EndpointHeadersIn")
    static final class HeadersIn {
        @Schema(required = true) public Map<String, String> headers;
    }

    @Schema(name = "EndpointHeadersPatchIn", description = "A null value, or a name in deleteHeaders, removes a header")
    static final class HeadersPatchIn {
        @Schema(required = true) public Map<String, String> headers;
        public List<String> deleteHeaders;
    }

    static final String ORDERING = "Herald extension. 'unordered' (default, as Svix): attempts run in parallel. 'ordered': "
            + "one attempt at a time, in the order messages were accepted; a message being retried holds back the ones "
            + "behind it until it succeeds or is exhausted (GET .../ordering shows the head; POST .../ordering/skip skips it).";
}
