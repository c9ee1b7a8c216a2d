package dev.herald.delivery.control;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import dev.herald.app.control.Applications;
import dev.herald.eventtype.entity.EventType;
import dev.herald.platform.json.JsonText;
import dev.herald.platform.json.Jsonp;
import dev.herald.platform.problem.Problem;
import dev.herald.subscription.control.Endpoints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * A test send (Svix's send-example, TalentLynk's "Test"): one attempt, now, through the
 * endpoint's real format, auth and signature, logged like any other. By default the event is
 * {@code webhook.test} with a short message; an event type from the catalog sends its example.
 */
@ApplicationScoped
public class TestSend {
    public static final String TEST_EVENT = "webhook.test";

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Applications applications;

    @Inject
    Endpoints endpoints;

    @Inject
    DeliveryLedger ledger;

    @Inject
    WebhookSender sender;

    @Inject
    DeliverySettings settings;

    private final java.util.Map<String, java.util.concurrent.Semaphore> inFlight =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The outcome, and the message that was sent (Svix's MessageOut fields). {@code httpStatus}
     * is the status code or "Network Error"; {@code error} says why it failed.
     */
    @Schema(name = "SendExampleOut", description = "The outcome of a test send, and Svix's MessageOut fields of "
            + "the message sent", requiredProperties = {"success", "httpStatus", "responseStatusCode", "responseTimeMs"},
        properties = {
            @SchemaProperty(name = "httpStatus", description = "The status code, or 'Network Error'"),
            @SchemaProperty(name = "responseStatusCode", description = "0 when no HTTP answer came"),
            @SchemaProperty(name = "error", description = "Why it failed; absent on success"),
            @SchemaProperty(name = "response", description = "The first KiB of the answer")})
    public record Result(String id, String eventId, String eventType, JsonValue payload, Instant timestamp,
            boolean success, String httpStatus, int responseStatusCode, long responseTimeMs, String error,
            String response, String attemptUrl) {
    }

    @Transactional
    public String resolveEndpoint(String app, String endpoint) {
        return endpoints.require(applications.require(app), endpoint).getId();
    }

    public Result send(String endpointId, String eventType, int exampleIndex) {
        String type = eventType == null ? TEST_EVENT : eventType;
        String payload = type.equals(TEST_EVENT) ? Jsonp.PROVIDER.createObjectBuilder()
                .add("message", "This is a test webhook from Herald.").build().toString()
                : example(eventType, exampleIndex);
        // Test sends obey the endpoint's concurrency limit too: a burst of clicks (or a script)
        // must not put more requests on a receiver at once than deliveries would.
        java.util.concurrent.Semaphore permits = inFlight.computeIfAbsent(endpointId,
                id -> new java.util.concurrent.Semaphore(settings.endpointConcurrency()));
        if (!permits.tryAcquire()) {
            throw new Problem(dev.herald.platform.problem.ProblemType.TOO_MANY_REQUESTS,
                    "This endpoint already has " + settings.endpointConcurrency()
                            + " test sends under way; try again when one has finished");
        }
        DeliveryTask task;
        Outcome outcome;
        try {
            task = ledger.beginTestSend(endpointId, type, payload);
            outcome = sender.send(task);
        } finally {
            permits.release();
        }
        ledger.finishTestSend(task, outcome);
        int code = outcome.statusCode();
        return new Result(task.msgId(), null, type, JsonText.parse(payload), task.eventTime(), outcome.succeeded(),
                code == 0 ? "Network Error" : Integer.toString(code), code, outcome.durationMs(),
                outcome.succeeded() ? null : code == 0 ? outcome.response() : "HTTP " + code,
                code == 0 ? "" : outcome.response(), task.url());
    }

    /** The catalog's example for the type: {@code schemas["1"].examples[index]}. */
    @Transactional
    String example(String eventType, int index) {
        EventType type = em.createQuery("select t from EventType t where t.name = :name or t.name = :canonical",
                EventType.class).setParameter("name", eventType)
                .setParameter("canonical", dev.herald.capture.EventNames.canonical(eventType))
                .getResultStream().findFirst().orElse(null);
        if (type == null) {
            throw Problem.invalidField("eventType", "is not in the event-type catalog");
        }
        JsonValue schemas = type.getSchemas() == null ? null : JsonText.parse(type.getSchemas());
        if (schemas instanceof JsonObject all && all.get("1") instanceof JsonObject schema
                && schema.get("examples") instanceof jakarta.json.JsonArray examples && index < examples.size()
                && examples.get(index) instanceof JsonObject example) {
            return example.toString();
        }
        throw Problem.invalidField("eventType", "has no example payload at index " + index + " in its schema");
    }
}
