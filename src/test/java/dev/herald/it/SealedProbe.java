package dev.herald.it;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test-only resource: an endpoint row's secret columns as the database holds them. */
@Path("_test/sealed")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SealedProbe {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @GET
    @Path("{endpoint}")
    @Transactional
    public JsonObject columns(@PathParam("endpoint") String id) {
        Object[] row = (Object[]) em.createNativeQuery(
                "select secret, previousSecret, contract from herald_endpoint where id = ?1")
                .setParameter(1, id).getSingleResult();
        return Json.createObjectBuilder().add("secret", String.valueOf(row[0]))
                .add("previousSecret", String.valueOf(row[1])).add("contract", String.valueOf(row[2])).build();
    }
}
