package dev.herald.example.hiring.boundary;

import dev.herald.capture.CapturePublisher;
import dev.herald.capture.SnapshotRules;
import dev.herald.capture.WebhookRoot;
import dev.herald.example.hiring.control.Input;
import dev.herald.example.hiring.control.Refusal;
import dev.herald.example.hiring.entity.TenantRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * What the domain's resources share: finding a live record, reading bodies and fields within
 * bounds, and answering with a record as its webhook shows it.
 */
@ApplicationScoped
class Records {
    static final int MAX_BODY = 256 * 1024;
    static final int MAX_JSON_FIELD = 60_000;

    @PersistenceContext
    EntityManager em;

    @Inject
    CapturePublisher publisher;

    /**
     * The record as its webhook shows it: the changes are published first (flushed, bubbled up,
     * versioned), so the answer's version and timestamps are the ones the webhook carries.
     */
    public JsonObject answer(WebhookRoot root) {
        publisher.publish();
        return visible(root);
    }

    /** The named field as a list of objects: absent is empty, anything else a 422. */
    static java.util.List<JsonObject> objects(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return java.util.List.of();
        }
        if (value instanceof jakarta.json.JsonArray items
                && items.stream().allMatch(i -> i.getValueType() == JsonValue.ValueType.OBJECT)) {
            return items.getValuesAs(JsonObject.class);
        }
        throw Refusal.invalidField(name, "must be a list of objects");
    }

    /** JSON stored in one column: bounded, with a 422 rather than a database error. */
    static void fits(String name, JsonObject value) {
        if (value != null && value.toString().length() > MAX_JSON_FIELD) {
            throw Refusal.invalidField(name, "must be at most " + MAX_JSON_FIELD + " characters of JSON");
        }
    }

    /** Scores are decimals: absent is null, anything but a number a 422. */
    static Double number(Input f, String name) {
        return f.has(name) ? f.optionalDecimal(name) : null;
    }

    static Input read(InputStream body) {
        return Input.read(body, MAX_BODY);
    }

    <T> T find(Class<T> type, String id) {
        T found = em.find(type, id);
        if (found == null || found instanceof TenantRecord r && r.softDeleted()) {
            throw Refusal.notFound(type.getSimpleName(), id);
        }
        return found;
    }

    /** The new record's id, then its visible snapshot (lifecycle snapshots keep the id elsewhere). */
    Response created(WebhookRoot root) {
        publisher.publish();
        var body = Input.JSON.createObjectBuilder().add("id", root.webhookId());
        visible(root).forEach((k, v) -> {
            if (!k.equals("id")) {
                body.add(k, v);
            }
        });
        return Response.status(201).entity(body.build()).build();
    }

    static JsonObject visible(WebhookRoot root) {
        return SnapshotRules.visible(root.webhookSnapshot());
    }

    /** Tiny JSON answers. */
    static final class Json {
        static JsonObject id(TenantRecord r) {
            return Input.JSON.createObjectBuilder().add("id", r.getId()).build();
        }
    }
}
