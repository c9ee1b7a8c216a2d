package dev.herald.subscription.boundary;

import dev.herald.app.entity.Application;
import dev.herald.contract.EndpointContract;
import dev.herald.platform.Times;
import dev.herald.platform.json.Fields;
import dev.herald.platform.json.JsonBody;
import dev.herald.platform.json.Jsonp;
import dev.herald.platform.paging.ListResponse;
import dev.herald.platform.paging.PageRequest;
import dev.herald.platform.problem.Problem;
import dev.herald.signing.WebhookSecret;
import dev.herald.subscription.control.Endpoints;
import dev.herald.subscription.entity.Endpoint;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/operational-webhook/endpoint}: Svix's endpoints for operational webhooks, the
 * operator's own receivers of {@code endpoint.*} and {@code message.attempt.*} events (operator
 * token only). They are endpoints of the operational application, so the fields, URL rules,
 * secrets ({@code whsec_} or Ed25519 {@code whsk_}) and delivery are those of any endpoint.
 */
@Path("operational-webhook/endpoint")
@Tag(name = "Operational webhook")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
public class OperationalEndpointsResource {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Endpoints endpoints;

    @Inject
    dev.herald.subscription.control.TargetPolicy targets;

    @Inject
    @ConfigProperty(name = "herald.secret.rotation-overlap-seconds", defaultValue = "86400")
    long rotationOverlapSeconds;

    @Operation(operationId = "v1.operational-webhook.endpoint.list", summary = "List the operational webhook endpoints")
    @APIResponse(responseCode = "200", description = "A page of endpoints",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ListResponse_EndpointOut_")))
    @GET
    public ListResponse<EndpointOut> list(@QueryParam("limit") String limit, @QueryParam("iterator") String iterator,
            @QueryParam("order") String order) {
        return PageRequest.parse(limit, iterator, order, false).list(em, Endpoint.class, "e.app.id = :app",
                Map.of("app", Application.OPERATIONAL_ID), Endpoint::getId, EndpointOut::of);
    }

    @Operation(operationId = "v1.operational-webhook.endpoint.create", summary = "Register an operational webhook endpoint",
            description = "The answer carries the signing secret (for an Ed25519 key, its public half).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointIn")))
    @APIResponse(responseCode = "201", description = "Created, with its secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointOut")))
    @POST
    @dev.herald.platform.idempotency.ReplayWithout("secret")
    public Response create(@Context HttpHeaders headers, InputStream body) {
        Application app = operationalApplication();
        EndpointsResource.Input in = EndpointsResource.Input.read(JsonBody.readObject(headers, body, EndpointsResource.MAX_BODY),
                false, EndpointContract.DEFAULT);
        checkTarget(in.url);
        if (in.uid != null && endpoints.byUid(app, in.uid) != null) {
            throw Problem.conflict("An operational endpoint with uid '" + in.uid + "' already exists");
        }
        String secret = in.secret != null ? in.secret : EndpointsResource.newKey(in.keyType);
        Endpoint endpoint = new Endpoint(app, in.url, secret);
        in.applyTo(endpoint, true);
        em.persist(endpoint);
        em.flush();
        return Response.status(Response.Status.CREATED)
                .entity(EndpointOut.of(endpoint).withSecret(WebhookSecret.shown(secret))).build();
    }

    @Operation(operationId = "v1.operational-webhook.endpoint.get", summary = "Get an operational webhook endpoint")
    @APIResponse(responseCode = "200", description = "The endpoint",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointOut")))
    @GET
    @Path("{endpoint}")
    public EndpointOut get(@PathParam("endpoint") String id) {
        return EndpointOut.of(require(id));
    }

    @Operation(operationId = "v1.operational-webhook.endpoint.update", summary = "Replace an operational webhook endpoint")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointIn")))
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointOut")))
    @PUT
    @Path("{endpoint}")
    public EndpointOut update(@PathParam("endpoint") String id, @Context HttpHeaders headers, InputStream body) {
        Endpoint endpoint = require(id);
        EndpointsResource.Input in = EndpointsResource.Input.read(JsonBody.readObject(headers, body, EndpointsResource.MAX_BODY),
                false, endpoint.getContract());
        checkTarget(in.url);
        endpoint.setUrl(in.url);
        in.applyTo(endpoint, true);
        endpoint.touch();
        em.flush();
        return EndpointOut.of(endpoint);
    }

    @Operation(operationId = "v1.operational-webhook.endpoint.delete", summary = "Delete an operational webhook endpoint")
    @APIResponse(responseCode = "204", description = "Deleted")
    @DELETE
    @Path("{endpoint}")
    public Response delete(@PathParam("endpoint") String id) {
        endpoints.delete(require(id));
        return Response.noContent().build();
    }

    @Operation(operationId = "v1.operational-webhook.endpoint.get-secret", summary = "The operational endpoint's signing secret")
    @APIResponse(responseCode = "200", description = "The secret (an Ed25519 key's public half)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointSecretOut")))
    @GET
    @Path("{endpoint}/secret")
    public JsonObject secret(@PathParam("endpoint") String id) {
        return Jsonp.PROVIDER.createObjectBuilder().add("key", WebhookSecret.shown(require(id).getSecret())).build();
    }

    @Operation(operationId = "v1.operational-webhook.endpoint.rotate-secret", summary = "Switch to a new signing secret")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointSecretRotateIn")))
    @APIResponse(responseCode = "204", description = "Rotated")
    @POST
    @Path("{endpoint}/secret/rotate")
    public Response rotateSecret(@PathParam("endpoint") String id, @Context HttpHeaders headers, InputStream body) {
        Endpoint endpoint = require(id);
        Fields f = Fields.of(JsonBody.readOptionalObject(headers, body, EndpointsResource.MAX_BODY));
        String key = f.optionalString("key", 128);
        if (key != null && WebhookSecret.problemWith(key) != null) {
            f.error("key", WebhookSecret.problemWith(key), "value_error");
        }
        // Svix names the overlap gracePeriodSeconds here
        Integer overlap = f.optionalInt("gracePeriodSeconds", 0, 7 * 24 * 3600);
        String keyType = EndpointsResource.readKeyType(f);
        f.validate();
        endpoint.rotateSecret(key != null ? key : EndpointsResource.newKey(keyType),
                Times.now().plusSeconds(overlap != null ? overlap : rotationOverlapSeconds));
        endpoint.touch();
        em.flush();
        return Response.noContent().build();
    }

    private void checkTarget(String url) {
        var verdict = targets.guard().check(url);
        if (!verdict.allowed()) {
            throw Problem.invalidField("url", verdict.reason());
        }
    }

    private Endpoint require(String id) {
        Application app = em.find(Application.class, Application.OPERATIONAL_ID);
        if (app == null) {
            throw Problem.notFound("Endpoint", id);
        }
        return endpoints.require(app, id);
    }

    /** The operator's application, created with its first endpoint. */
    private Application operationalApplication() {
        Application app = em.find(Application.class, Application.OPERATIONAL_ID);
        if (app == null) {
            app = Application.operational();
            em.persist(app);
        }
        return app;
    }
}
