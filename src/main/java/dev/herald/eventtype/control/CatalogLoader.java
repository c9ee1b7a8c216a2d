package dev.herald.eventtype.control;

import dev.herald.eventtype.entity.EventType;
import dev.herald.platform.json.Jsonp;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Registers, at start, the event types Herald itself emits ({@code webhook.test}) in the catalog,
 * each with a description and a JSON schema that carries an example: {@code send-example} sends
 * that example, and receivers can read the schemas. An application's own types come through the
 * API ({@code POST /api/v1/event-type}; the capture library registers its application's catalog). A type already in the catalog is left as the operator last made it. Each
 * type is registered in a transaction of its own, so an instance starting beside another one
 * that registers the same type at the same moment loses that race quietly instead of failing
 * its deployment.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CatalogLoader {
    static final String RESOURCE = "/META-INF/herald/event-types.json";
    private static final Logger LOG = Logger.getLogger(CatalogLoader.class.getName());

    @Inject
    Registrar registrar;

    @PostConstruct
    void load() {
        int added = 0;
        for (JsonValue value : read()) {
            JsonObject entry = value.asJsonObject();
            try {
                if (registrar.registerIfMissing(entry)) {
                    added++;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Event type " + entry.getString("name") + " registered elsewhere meanwhile", e);
            }
        }
        if (added > 0) {
            LOG.info("Registered " + added + " event types in the catalog");
        }
    }

    static JsonArray read() {
        try (InputStream in = CatalogLoader.class.getResourceAsStream(RESOURCE);
                var reader = Jsonp.PROVIDER.createReader(in)) {
            return reader.readArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One catalog entry, in its own transaction. */
    @ApplicationScoped
    public static class Registrar {
        @PersistenceContext(unitName = "herald")
        EntityManager em;

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public boolean registerIfMissing(JsonObject entry) {
            String name = entry.getString("name");
            if (em.find(EventType.class, name) != null) {
                return false;
            }
            EventType type = new EventType(name, entry.getString("description"));
            type.setSchemas(entry.getJsonObject("schemas").toString());
            em.persist(type);
            return true;
        }
    }
}
