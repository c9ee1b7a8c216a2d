package dev.herald.subscription.boundary;

import dev.herald.contract.ContractInput;
import dev.herald.contract.EndpointContract;
import dev.herald.delivery.control.RetrySchedule;
import dev.herald.platform.json.JsonText;
import dev.herald.subscription.entity.Endpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/**
 * Svix's EndpointOut. The event filter appears twice: {@code filterTypes} (the OpenAPI name) and
 * {@code eventTypes} (the name some SDK models use); both hold the same list. Likewise
 * {@code rateLimit} and its newer name {@code throttleRate}.
 *
 * <p>Herald's own fields: {@code retrySchedule} (delays in seconds before each attempt, absent
 * when the application's or the default applies), {@code paused} (set by an operator over JMX),
 * and the delivery contract: {@code method}, {@code format}, {@code signature}, {@code auth}
 * (credentials masked), {@code timeoutMs} (absent: the server's) and {@code retryOn}. Custom
 * headers are read through {@code …/headers}, as in Svix. {@code secret} appears only in the
 * answer that creates the endpoint.
 */
@Schema(name = "EndpointOut", requiredProperties = {"id", "url", "disabled", "version", "paused", "method", "format", "signature", "retryOn", "createdAt", "updatedAt"},
        properties = {
        @SchemaProperty(name = "id", example = "ep_01k0000000000000000000000"),
        @SchemaProperty(name = "filterTypes", description = "Event types delivered (absent: all)"),
        @SchemaProperty(name = "eventTypes", description = "The same list as filterTypes"),
        @SchemaProperty(name = "retrySchedule", description = EndpointDocs.RETRY_SCHEDULE),
        @SchemaProperty(name = "paused", description = "Herald extension: deliveries held by an operator (JMX)"),
        @SchemaProperty(name = "method", description = EndpointDocs.METHOD, enumeration = {"POST", "PUT", "PATCH"}),
        @SchemaProperty(name = "format", description = EndpointDocs.FORMAT, enumeration = {"raw", "envelope"}),
        @SchemaProperty(name = "signature", description = EndpointDocs.SIGNATURE),
        @SchemaProperty(name = "auth", description = EndpointDocs.AUTH + " (absent: none)", implementation = EndpointDocs.AuthIn.class),
        @SchemaProperty(name = "timeoutMs", description = EndpointDocs.TIMEOUT),
        @SchemaProperty(name = "retryOn", description = EndpointDocs.RETRY_ON),
        @SchemaProperty(name = "ordering", enumeration = {"unordered", "ordered"}, description = EndpointDocs.ORDERING),
        @SchemaProperty(name = "secret", description = "Only in the answer that creates the endpoint"),
        @SchemaProperty(name = "failingSince", description = "Herald extension: every attempt has failed since then "
                + "(absent after a success); the endpoint is disabled when this lasts HERALD_DELIVERY_AUTO_DISABLE_AFTER_HOURS"),
        @SchemaProperty(name = "disabledReason", description = "Herald extension: why Herald disabled the endpoint by "
                + "itself (410 Gone, failing too long); absent when it is enabled or was disabled through the API"),
        @SchemaProperty(name = "previousSecretUntil", description = "Herald extension: after a rotation, the old "
                + "secret signs beside the new one until then (absent once that has passed)")})
public record EndpointOut(String id, String uid, String url, String description, List<String> filterTypes,
        List<String> eventTypes, List<String> channels, boolean disabled, Integer rateLimit, Integer throttleRate,
        int version, Map<String, String> metadata, List<Long> retrySchedule, boolean paused, String method,
        String format, SignatureOut signature, Map<String, Object> auth, Integer timeoutMs, List<String> retryOn,
        String ordering, String secret, Instant failingSince, String disabledReason, Instant previousSecretUntil,
        Instant createdAt, Instant updatedAt) {

    @Schema(name = "EndpointSignatureOut", description = "Herald extension: the signature scheme and, for "
            + "timestamped-hmac, its header", requiredProperties = {"scheme"},
        properties = {
            @SchemaProperty(name = "scheme", enumeration = {"standard-webhooks", "timestamped-hmac", "none"})})
    public record SignatureOut(String scheme, String header) {
    }

    static EndpointOut of(Endpoint e) {
        List<String> filter = JsonText.toList(e.getFilterTypes());
        EndpointContract c = e.getContract();
        return new EndpointOut(e.getId(), e.getUid(), e.getUrl(), e.getDescription(), filter, filter,
                JsonText.toList(e.getChannels()), e.isDisabled(), e.getRateLimit(), e.getRateLimit(), e.getApiVersion(),
                JsonText.toMap(e.getMetadata()), RetrySchedule.seconds(e.getRetrySchedule()), e.isPaused(), c.method(),
                c.format().wire(), new SignatureOut(c.signature().scheme().wire(), c.signature().header()),
                ContractInput.masked(c.auth()), c.timeoutMs(), c.retryOn().stream().map(r -> r.wire()).toList(),
                c.ordering(), null, e.getFailingSince(), e.isDisabled() ? e.getDisabledReason() : null, overlapUntil(e),
                e.getCreatedAt(), e.getUpdatedAt());
    }

    private static Instant overlapUntil(Endpoint e) {
        Instant until = e.getPreviousSecretUntil();
        return until != null && until.isAfter(dev.herald.platform.Times.now()) ? until : null;
    }

    EndpointOut withSecret(String secret) {
        return new EndpointOut(id, uid, url, description, filterTypes, eventTypes, channels, disabled, rateLimit,
                throttleRate, version, metadata, retrySchedule, paused, method, format, signature, auth, timeoutMs,
                retryOn, ordering, secret, failingSince, disabledReason, previousSecretUntil, createdAt, updatedAt);
    }
}
