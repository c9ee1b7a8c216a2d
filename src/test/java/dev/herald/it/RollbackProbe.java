package dev.herald.it;

import dev.herald.app.control.Applications;
import dev.herald.message.control.Ingest;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.UserTransaction;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

/**
 * Test-only resource, added to the WAR by the integration test: runs the real ingest inside a
 * transaction and rolls it back, as a failure after the JMS send would.
 */
@Path("_test/ingest-then-rollback/{app}/{eventType}")
@RequestScoped
public class RollbackProbe {
    @Inject
    Ingest ingest;

    @Inject
    Applications applications;

    @Resource
    UserTransaction transaction;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject ingestThenRollBack(@PathParam("app") String app, @PathParam("eventType") String eventType)
            throws Exception {
        transaction.begin();
        String msgId;
        try {
            msgId = ingest.accept(applications.require(app), eventType, "{\"rolledBack\":true}", null, Set.of()).getId();
        } finally {
            transaction.rollback();
        }
        return Json.createObjectBuilder().add("msgId", msgId).build();
    }
}
