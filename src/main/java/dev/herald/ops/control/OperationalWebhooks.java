package dev.herald.ops.control;

import dev.herald.app.entity.Application;
import dev.herald.delivery.control.AttemptSignal;
import dev.herald.message.control.Ingest;
import dev.herald.platform.Times;
import dev.herald.platform.json.Jsonp;
import dev.herald.subscription.control.EndpointChanged;
import dev.herald.subscription.control.EndpointDisabled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Svix's operational webhooks: what happens to customers' endpoints and deliveries becomes a
 * message of the operator's own application ({@link Application#OPERATIONAL_ID}), whose endpoints
 * the operator registered at {@code /operational-webhook/endpoint}. From there the message is
 * delivered like any other: signed, retried, logged.
 *
 * <p>Each observer ingests inside the transaction it is called in: an endpoint change's own, or,
 * for attempts, the one {@code LedgerSignals} opens right after the record commits (an operational
 * message is never sent for an attempt that was not recorded; a crash between the two commits loses
 * the notice). Events about the operational
 * application itself are not reported, or a failing operator endpoint would feed itself.
 */
@ApplicationScoped
public class OperationalWebhooks {
    private static final Logger LOG = Logger.getLogger(OperationalWebhooks.class.getName());

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Ingest ingest;

    void onEndpointChanged(@Observes EndpointChanged event) {
        send(event.appId(), event.change().eventType(), endpointData(event.appId(), event.endpointId(), event.endpointUid()));
    }

    void onEndpointDisabled(@Observes EndpointDisabled event) {
        // read with a query, not the managed entity: the ledger changed these columns in bulk
        List<Object[]> row = em.createQuery("select e.uid, e.failingSince from Endpoint e where e.id = :id", Object[].class)
                .setParameter("id", event.endpointId()).getResultList();
        String uid = row.isEmpty() ? null : (String) row.get(0)[0];
        Instant failSince = row.isEmpty() ? null : (Instant) row.get(0)[1];
        JsonObjectBuilder data = endpointData(event.appId(), event.endpointId(), uid).add("trigger", "automatic");
        if (failSince != null) {
            data.add("failSince", failSince.toString());
        }
        // Herald's addition: why, in words (410 Gone, or failing since when)
        send(event.appId(), "endpoint.disabled", data.add("reason", event.reason()));
    }

    void onAttemptSignal(@Observes AttemptSignal signal) {
        JsonObjectBuilder data = Jsonp.PROVIDER.createObjectBuilder().add("appId", signal.appId());
        addIfPresent(data, "appUid", appUid(signal.appId()));
        data.add("msgId", signal.msgId());
        addIfPresent(data, "msgEventId", signal.eventId());
        data.add("endpointId", signal.endpointId());
        data.add("lastAttempt", Jsonp.PROVIDER.createObjectBuilder().add("id", signal.attemptId())
                .add("responseStatusCode", signal.responseStatusCode()).add("timestamp", signal.timestamp().toString()));
        send(signal.appId(), "message.attempt." + signal.kind().name().toLowerCase(java.util.Locale.ROOT), data);
    }

    private void send(String aboutAppId, String type, JsonObjectBuilder data) {
        if (Application.OPERATIONAL_ID.equals(aboutAppId)) {
            return;
        }
        Application operational = em.find(Application.class, Application.OPERATIONAL_ID);
        if (operational == null) {
            return; // no operator endpoint was ever registered
        }
        JsonObject payload = Jsonp.PROVIDER.createObjectBuilder().add("type", type).add("timestamp", Times.now().toString())
                .add("data", data).build();
        ingest.accept(operational, type, payload.toString(), null, null);
        LOG.fine(() -> "Operational webhook " + type + " for application " + aboutAppId);
    }

    private JsonObjectBuilder endpointData(String appId, String endpointId, String endpointUid) {
        JsonObjectBuilder data = Jsonp.PROVIDER.createObjectBuilder().add("appId", appId);
        addIfPresent(data, "appUid", appUid(appId));
        data.add("endpointId", endpointId);
        addIfPresent(data, "endpointUid", endpointUid);
        return data;
    }

    private String appUid(String appId) {
        return em.createQuery("select a.uid from Application a where a.id = :id", String.class).setParameter("id", appId)
                .getResultStream().findFirst().orElse(null);
    }

    private static void addIfPresent(JsonObjectBuilder data, String name, String value) {
        if (value != null) {
            data.add(name, value);
        }
    }
}
