package dev.herald.it;

import dev.herald.capture.Captures;
import dev.herald.example.hiring.entity.Candidate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * Test-only resource: creates a candidate through a captured boundary, so its webhook is
 * written and queued, and then fails the enclosing transaction. Nothing may reach a receiver.
 */
@Path("_test/capture-rollback")
@RequestScoped
public class CaptureRollbackProbe {
    @Inject
    Inner inner;

    @POST
    @Path("{tenant}")
    @Transactional
    public String createThenFail(@PathParam("tenant") String tenant) {
        inner.create(tenant);
        throw new IllegalStateException("the enclosing transaction fails after the webhook was written");
    }

    @ApplicationScoped
    public static class Inner {
        @PersistenceContext(unitName = "herald")
        EntityManager em;

        @Transactional
        @Captures
        public void create(String tenant) {
            em.persist(new Candidate(tenant, "Rolled", "Back", "rollback@example.com"));
        }
    }
}
