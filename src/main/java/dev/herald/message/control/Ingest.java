package dev.herald.message.control;

import dev.herald.app.entity.Application;
import dev.herald.delivery.control.DeliveryQueue;
import dev.herald.delivery.entity.Delivery;
import dev.herald.message.entity.Message;
import dev.herald.platform.problem.Problem;
import dev.herald.subscription.control.EndpointView;
import dev.herald.subscription.control.Endpoints;
import dev.herald.subscription.entity.Endpoint;
import dev.herald.platform.json.JsonText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import dev.herald.platform.problem.FieldError;
import dev.herald.subscription.control.TargetPolicy;
import dev.herald.subscription.control.UrlGuard;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * Accepts a message: the message row, one delivery row per matching enabled endpoint, and the
 * queue entries for those deliveries, all in one transaction. A rollback leaves nothing behind,
 * and a commit leaves nothing owed that is not also queued.
 */
@ApplicationScoped
public class Ingest {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Endpoints endpoints;

    @Inject
    Messages messages;

    @Inject
    DeliveryQueue queue;

    @Inject
    TargetPolicy targets;

    @Inject
    IngestStats stats;

    @Transactional(Transactional.TxType.MANDATORY)
    public Message accept(Application app, String eventType, String payloadJson, String eventId, Set<String> channels) {
        return accept(app, eventType, payloadJson, eventId, channels, Map.of());
    }

    /**
     * @param endpointUrls per-message URL overrides by endpoint id or uid ({@code "*"}: every
     *     endpoint); each names an endpoint of the application and passes the same URL rules as
     *     an endpoint's own URL
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Message accept(Application app, String eventType, String payloadJson, String eventId, Set<String> channels,
            Map<String, String> endpointUrls) {
        Accepted accepted = write(app, eventType, payloadJson, eventId, channels, endpointUrls, endpoints::enabled);
        em.flush();
        queue.enqueue(accepted.tickets());
        return accepted.message();
    }

    /** A message written, and the tickets still to be queued for its deliveries. */
    public record Accepted(Message message, List<DeliveryQueue.Ticket> tickets) {
    }

    /**
     * The rows of one message, without flushing or queueing: a batch writes many, then flushes
     * and queues once ({@link BatchWriter}). {@code enabledEndpoints} may answer from a cache
     * that lives as long as the batch's transaction.
     */
    public Accepted write(Application app, String eventType, String payloadJson, String eventId, Set<String> channels,
            Map<String, String> endpointUrls, java.util.function.Function<Application, List<Endpoint>> enabledEndpoints) {
        Map<String, String> overrides = resolveOverrides(app, endpointUrls);
        if (eventId != null && messages.byEventId(app, eventId) != null) {
            throw Problem.conflict("A message with eventId '" + eventId + "' already exists in this application");
        }
        Message message = new Message(app, eventType, payloadJson, eventId);
        if (channels != null && !channels.isEmpty()) {
            message.setChannels(JsonText.ofList(channels));
        }
        em.persist(message);
        List<DeliveryQueue.Ticket> tickets = new ArrayList<>();
        for (Endpoint endpoint : enabledEndpoints.apply(app)) {
            // the same matching rules as the API's ingest (BatchWriter), in one place
            EndpointView view = EndpointView.of(endpoint);
            if (view.matches(eventType, channels)) {
                Delivery delivery = new Delivery(message, endpoint);
                delivery.setUrlOverride(overrides.containsKey(endpoint.getId()) ? overrides.get(endpoint.getId())
                        : view.namesEventType(eventType) ? overrides.get("*") : null);
                em.persist(delivery);
                tickets.add(new DeliveryQueue.Ticket(delivery.getId(), endpoint.getId(), 1, 0));
            }
        }
        stats.acceptedOnCommit();
        return new Accepted(message, tickets);
    }

    /** Overrides keyed by endpoint id; a 422 naming every unknown endpoint or refused URL. */
    Map<String, String> resolveOverrides(Application app, Map<String, String> endpointUrls) {
        if (endpointUrls.isEmpty()) {
            return Map.of();
        }
        Map<String, String> byId = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        endpointUrls.forEach((key, url) -> {
            Endpoint endpoint = "*".equals(key) ? null : endpoints.find(app, key);
            if (endpoint == null && !"*".equals(key)) {
                errors.add(FieldError.body("endpointUrls." + key, "no endpoint with this id or uid in the application",
                        "value_error"));
                return;
            }
            UrlGuard.Verdict verdict = targets.guard().check(url);
            if (!verdict.allowed()) {
                errors.add(FieldError.body("endpointUrls." + key, verdict.reason(), "value_error.url"));
                return;
            }
            byId.put(endpoint == null ? "*" : endpoint.getId(), url);
        });
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        return byId;
    }
}
