package dev.herald.subscription.boundary;

import dev.herald.contract.ContractInput;
import dev.herald.contract.EndpointContract;
import dev.herald.platform.json.Jsonp;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import dev.herald.app.control.Applications;
import dev.herald.app.entity.Application;
import dev.herald.delivery.control.Requeuer;
import dev.herald.delivery.control.RetrySchedule;
import dev.herald.platform.json.Fields;
import dev.herald.platform.json.JsonBody;
import dev.herald.platform.json.JsonText;
import dev.herald.platform.paging.ListResponse;
import dev.herald.platform.paging.PageRequest;
import dev.herald.platform.problem.Problem;
import dev.herald.signing.Ed25519Key;
import dev.herald.signing.WebhookSecret;
import dev.herald.subscription.control.EndpointChanged;
import dev.herald.subscription.control.Endpoints;
import dev.herald.subscription.control.TargetPolicy;
import dev.herald.subscription.control.UrlGuard;
import dev.herald.subscription.entity.Endpoint;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/app/{app}/endpoint}: Svix endpoints. */
@Path("app/{app}/endpoint")
@Tag(name = "Endpoint")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
public class EndpointsResource {
    static final int MAX_BODY = 64 * 1024;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Applications applications;

    @Inject
    Endpoints endpoints;

    @Inject
    TargetPolicy targets;

    @Inject
    Requeuer requeuer;

    @Inject
    jakarta.enterprise.event.Event<EndpointChanged> changed;

    @Inject
    @ConfigProperty(name = "herald.secret.rotation-overlap-seconds", defaultValue = "86400")
    long rotationOverlapSeconds;

    @PathParam("app")
    String appId;

    @Operation(operationId = "v1.endpoint.list", summary = "List an application's endpoints")
    @APIResponse(responseCode = "200", description = "A page of endpoints",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ListResponse_EndpointOut_")))
    @GET
    public ListResponse<EndpointOut> list(@QueryParam("limit") String limit, @QueryParam("iterator") String iterator,
            @QueryParam("order") String order) {
        Application app = applications.require(appId);
        return PageRequest.parse(limit, iterator, order, false)
                .list(em, Endpoint.class, "e.app.id = :app", Map.of("app", app.getId()), Endpoint::getId, EndpointOut::of);
    }

    @Operation(operationId = "v1.endpoint.create", summary = "Create an endpoint",
            description = "The answer is the only one, besides GET …/secret, that carries the signing secret.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointIn")))
    @APIResponse(responseCode = "201", description = "Created, with its secret", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointOut")))
    @POST
    @dev.herald.platform.idempotency.ReplayWithout("secret")
    public Response create(@Context HttpHeaders headers, InputStream body) {
        Application app = applications.require(appId);
        Input in = Input.read(JsonBody.readObject(headers, body, MAX_BODY), false, EndpointContract.DEFAULT);
        checkTarget(in.url);
        if (in.uid != null && endpoints.byUid(app, in.uid) != null) {
            throw Problem.conflict("An endpoint with uid '" + in.uid + "' already exists in this application");
        }
        return created(app, in);
    }

    @Operation(operationId = "v1.endpoint.get", summary = "Get an endpoint by id or uid")
    @APIResponse(responseCode = "200", description = "The endpoint", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointOut")))
    @GET
    @Path("{endpoint}")
    public EndpointOut get(@PathParam("endpoint") String id) {
        return EndpointOut.of(endpoints.require(applications.require(appId), id));
    }

    /** Replaces the endpoint, or creates it when the path names a uid not in use (Svix's upsert). */
    @Operation(operationId = "v1.endpoint.update", summary = "Replace an endpoint, or create it under a new uid")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointIn")))
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointOut")))
    @APIResponse(responseCode = "201", description = "Created (the path named a uid not in use)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointOut")))
    @PUT
    @Path("{endpoint}")
    public Response update(@PathParam("endpoint") String id, @Context HttpHeaders headers, InputStream body) {
        Application app = applications.require(appId);
        JsonObject json = JsonBody.readObject(headers, body, MAX_BODY);
        Endpoint endpoint = endpoints.find(app, id);
        Input in = Input.read(json, false, endpoint == null ? EndpointContract.DEFAULT : endpoint.getContract());
        checkTarget(in.url);
        if (endpoint == null) {
            if (!Fields.isUid(id) || id.startsWith("ep_") || in.uid != null && !in.uid.equals(id)) {
                throw Problem.notFound("Endpoint", id);
            }
            in.uid = id;
            return created(app, in);
        }
        requireUidFree(app, endpoint, in.uid);
        boolean wasDisabled = endpoint.isDisabled();
        boolean wasOrdered = endpoint.getContract().ordered();
        endpoint.setUrl(in.url);
        in.applyTo(endpoint, true);
        endpoint.touch();
        em.flush();
        queueOwedIfChanged(endpoint, wasDisabled, wasOrdered);
        changed.fire(new EndpointChanged(EndpointChanged.Change.UPDATED, app.getId(), endpoint.getId(), endpoint.getUid()));
        return Response.ok(EndpointOut.of(endpoint)).build();
    }

    @Operation(operationId = "v1.endpoint.patch", summary = "Change the fields given")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointPatch")))
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointOut")))
    @PATCH
    @Path("{endpoint}")
    public EndpointOut patch(@PathParam("endpoint") String id, @Context HttpHeaders headers, InputStream body) {
        Application app = applications.require(appId);
        Endpoint endpoint = endpoints.require(app, id);
        Input in = Input.read(JsonBody.readObject(headers, body, MAX_BODY), true, endpoint.getContract());
        if (in.url != null) {
            checkTarget(in.url);
            endpoint.setUrl(in.url);
        }
        if (in.fields.present("uid")) {
            requireUidFree(app, endpoint, in.uid);
        }
        boolean wasDisabled = endpoint.isDisabled();
        boolean wasOrdered = endpoint.getContract().ordered();
        in.applyTo(endpoint, false);
        endpoint.touch();
        em.flush();
        queueOwedIfChanged(endpoint, wasDisabled, wasOrdered);
        changed.fire(new EndpointChanged(EndpointChanged.Change.UPDATED, app.getId(), endpoint.getId(), endpoint.getUid()));
        return EndpointOut.of(endpoint);
    }

    @Operation(operationId = "v1.endpoint.delete", summary = "Delete an endpoint (its delivery log stays)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @DELETE
    @Path("{endpoint}")
    public Response delete(@PathParam("endpoint") String id) {
        Endpoint endpoint = endpoints.require(applications.require(appId), id);
        changed.fire(new EndpointChanged(EndpointChanged.Change.DELETED, endpoint.getApp().getId(), endpoint.getId(),
                endpoint.getUid()));
        endpoints.delete(endpoint);
        return Response.noContent().build();
    }

    /** The signing secret; only the operator's token reaches this. */
    @Operation(operationId = "v1.endpoint.get-secret", summary = "The endpoint's signing secret (operator token only)")
    @APIResponse(responseCode = "200", description = "The secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointSecretOut")))
    @GET
    @Path("{endpoint}/secret")
    public JsonObject secret(@PathParam("endpoint") String id) {
        Endpoint endpoint = endpoints.require(applications.require(appId), id);
        // an Ed25519 key is shown by its public half only: the private one never leaves Herald
        return Jsonp.PROVIDER.createObjectBuilder().add("key", WebhookSecret.shown(endpoint.getSecret())).build();
    }

    /**
     * Svix's recover: every delivery to this endpoint that failed for good since {@code since}
     * (and, if given, before {@code until}) gets a fresh retry chain.
     */
    @Operation(operationId = "v1.endpoint.recover", summary = "Retry every exhausted delivery since a time")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "RecoverIn")))
    @APIResponse(responseCode = "202", description = "Done; recovered says how many",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "RecoverOut")))
    @POST
    @Path("{endpoint}/recover")
    public Response recover(@PathParam("endpoint") String id, @Context HttpHeaders headers, InputStream body) {
        Endpoint endpoint = endpoints.require(applications.require(appId), id);
        Fields f = Fields.of(JsonBody.readObject(headers, body, MAX_BODY));
        java.time.Instant since = f.requiredInstant("since");
        java.time.Instant until = f.has("until") ? f.requiredInstant("until") : null;
        f.validate();
        int recovered = requeuer.restartExhausted(endpoint.getId(), since, until);
        return Response.accepted(Jsonp.PROVIDER.createObjectBuilder().add("id", dev.herald.platform.Ids.next("qtask"))
                .add("status", "finished").add("task", "endpoint.recover").add("recovered", recovered).build()).build();
    }

    /**
     * Svix's rotate: a new secret (the one given, or a generated one). The old secret keeps
     * signing beside the new one for the overlap ({@code overlapSeconds}, Herald's, default
     * from configuration), so receivers can switch without rejecting a webhook. Svix answers
     * 204, and so does Herald, unless the caller asks with {@code Prefer: return=representation}
     * (the customer portal does): then the answer carries the new secret, once, as creating an
     * endpoint does, since an application token cannot read {@code …/secret} afterwards.
     */
    @Operation(operationId = "v1.endpoint.rotate-secret", summary = "Switch to a new signing secret",
            description = "The old secret keeps signing beside the new one for the overlap. The answer is the only "
                    + "one, besides GET …/secret, that carries the new secret.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointSecretRotateIn")))
    @APIResponse(responseCode = "204", description = "Rotated (Svix's answer)")
    @APIResponse(responseCode = "200", description = "Rotated, asked with Prefer: return=representation: the new secret "
            + "and until when the old one still signs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointSecretRotateOut")))
    @POST
    @Path("{endpoint}/secret/rotate")
    @dev.herald.platform.idempotency.ReplayWithout("key")
    public Response rotateSecret(@PathParam("endpoint") String id, @Context HttpHeaders headers, InputStream body) {
        Endpoint endpoint = endpoints.require(applications.require(appId), id);
        Fields f = Fields.of(JsonBody.readOptionalObject(headers, body, MAX_BODY));
        String key = f.optionalString("key", 128);
        if (key != null && WebhookSecret.problemWith(key) != null) {
            f.error("key", WebhookSecret.problemWith(key), "value_error");
        }
        Integer overlap = f.optionalInt("overlapSeconds", 0, 30 * 24 * 3600);
        String keyType = readKeyType(f);
        if (Ed25519Key.isSecretKey(key) || "ed25519".equals(keyType)) {
            requireEd25519Fits(f, endpoint.getContract(), key != null ? "key" : "keyType");
        }
        f.validate();
        java.time.Instant until = dev.herald.platform.Times.now()
                .plusSeconds(overlap != null ? overlap : rotationOverlapSeconds);
        String next = key != null ? key : newKey(keyType);
        endpoint.rotateSecret(next, until);
        endpoint.touch();
        em.flush();
        String prefer = headers.getHeaderString("Prefer");
        if (prefer == null || !prefer.toLowerCase(java.util.Locale.ROOT).contains("return=representation")) {
            return Response.noContent().build();
        }
        // an Ed25519 key is answered by its public half: the private one never leaves Herald
        return Response.ok(Jsonp.PROVIDER.createObjectBuilder().add("key", WebhookSecret.shown(next))
                .add("previousSecretUntil", until.toString()).build()).build();
    }

    /**
     * Herald extension {@code keyType}: {@code "hmac-sha256"} (Standard Webhooks {@code v1},
     * the default) or {@code "ed25519"} ({@code v1a}: receivers verify with the public key).
     */
    static String readKeyType(Fields f) {
        String keyType = f.optionalString("keyType", 32);
        if (keyType != null && !keyType.equals("hmac-sha256") && !keyType.equals("ed25519")) {
            f.error("keyType", "must be 'hmac-sha256' or 'ed25519'", "value_error");
            return null;
        }
        return keyType;
    }

    /** An Ed25519 key signs Standard Webhooks' v1a only; timestamped-hmac needs an HMAC secret. */
    static void requireEd25519Fits(Fields f, EndpointContract contract, String field) {
        if (contract.signature().scheme() == EndpointContract.Scheme.TIMESTAMPED_HMAC) {
            f.error(field, "an Ed25519 key signs only with the standard-webhooks scheme (v1a); timestamped-hmac "
                    + "needs an HMAC secret", "value_error");
        }
    }

    static String newKey(String keyType) {
        return "ed25519".equals(keyType) ? Ed25519Key.generate() : WebhookSecret.generate();
    }

    private Response created(Application app, Input in) {
        if (app.getMaxEndpoints() != null && endpoints.countLocked(app) >= app.getMaxEndpoints()) {
            throw Problem.conflict("The application allows at most " + app.getMaxEndpoints()
                    + " endpoints (its maxEndpoints); delete one first");
        }
        String secret = in.secret != null ? in.secret : newKey(in.keyType);
        Endpoint endpoint = new Endpoint(app, in.url, secret);
        in.applyTo(endpoint, true);
        em.persist(endpoint);
        em.flush();
        changed.fire(new EndpointChanged(EndpointChanged.Change.CREATED, app.getId(), endpoint.getId(), endpoint.getUid()));
        // the one answer, besides GET …/secret, that shows the secret
        return Response.status(Response.Status.CREATED).entity(EndpointOut.of(endpoint).withSecret(WebhookSecret.shown(secret))).build();
    }

    /**
     * An endpoint switched back on gets what it is owed; so does one whose ordering changed, whose
     * waiting rows were left to the other way of sending (an ordered line reads its rows, while
     * unordered ones go out on their tickets) and would otherwise wait for the sweeper's grace
     * period, five minutes by default.
     */
    private void queueOwedIfChanged(Endpoint endpoint, boolean wasDisabled, boolean wasOrdered) {
        boolean enabled = wasDisabled && !endpoint.isDisabled();
        if (enabled) {
            // a fresh start for the auto-disable rule, too
            em.createQuery("update Endpoint e set e.failingSince = null where e.id = :id")
                    .setParameter("id", endpoint.getId()).executeUpdate();
        }
        if (enabled || wasOrdered != endpoint.getContract().ordered()) {
            requeuer.requeueOwed(endpoint.getId());
        }
    }

    private void checkTarget(String url) {
        UrlGuard.Verdict verdict = targets.guard().check(url);
        if (!verdict.allowed()) {
            throw Problem.invalidField("url", verdict.reason());
        }
    }

    private void requireUidFree(Application app, Endpoint endpoint, String uid) {
        if (uid != null) {
            Endpoint holder = endpoints.byUid(app, uid);
            if (holder != null && !holder.getId().equals(endpoint.getId())) {
                throw Problem.conflict("An endpoint with uid '" + uid + "' already exists in this application");
            }
        }
    }

    /** EndpointIn / EndpointPatch, read strictly. */
    static final class Input {
        Fields fields;
        String url;
        String description;
        String uid;
        Set<String> filterTypes;
        Set<String> channels;
        Boolean disabled;
        Integer rateLimit;
        Integer version;
        Map<String, String> metadata;
        String secret;
        /** Herald extension: the kind of key to generate when no secret is given. */
        String keyType;
        String retrySchedule;
        EndpointContract contract;

        static Input read(JsonObject json, boolean patch, EndpointContract current) {
            Input in = new Input();
            Fields f = Fields.of(json);
            in.fields = f;
            in.url = patch ? f.optionalString("url", UrlGuard.MAX_URL_LENGTH)
                    : f.requiredString("url", UrlGuard.MAX_URL_LENGTH);
            if (in.url != null) {
                String problem = UrlGuard.syntaxProblem(in.url);
                if (problem != null) {
                    f.error("url", problem, "value_error.url");
                    in.url = null;
                }
            }
            if (json.containsKey("description") && f.has("description")) {
                if (json.get("description") instanceof jakarta.json.JsonString s) {
                    in.description = s.getString().length() > 4096 ? null : s.getString();
                    if (in.description == null) {
                        f.error("description", "must be at most 4096 characters", "value_error.any_str.max_length");
                    }
                } else {
                    f.error("description", "must be a string", "type_error.str");
                }
            }
            in.uid = f.optionalUid("uid");
            // Svix's OpenAPI says filterTypes; some SDK models say eventTypes. Accept either.
            in.filterTypes = f.optionalEventTypeSet("filterTypes", 1000);
            Set<String> eventTypes = f.optionalEventTypeSet("eventTypes", 1000);
            if (in.filterTypes != null && eventTypes != null && !in.filterTypes.equals(eventTypes)) {
                f.error("eventTypes", "differs from filterTypes; send one of them", "value_error");
            } else if (in.filterTypes == null) {
                in.filterTypes = eventTypes;
            }
            if (in.filterTypes != null && in.filterTypes.isEmpty()) {
                // Svix refuses an empty filter; "no filter" is written by leaving the field out.
                f.error(f.has("filterTypes") ? "filterTypes" : "eventTypes",
                        "must name at least one event type, or be left out to receive all", "value_error.list.min_items");
            }
            in.channels = f.optionalChannelSet("channels", 10);
            in.disabled = f.optionalBoolean("disabled");
            // Svix renamed rateLimit to throttleRate; newer SDKs send the latter.
            in.rateLimit = f.has("throttleRate") ? f.optionalInt("throttleRate", 1, 65535)
                    : f.optionalInt("rateLimit", 1, 65535);
            in.version = f.optionalInt("version", 1, 1);
            in.metadata = f.optionalStringMap("metadata", 64);
            in.secret = f.optionalString("secret", 128);
            in.keyType = readKeyType(f);
            if (in.secret != null) {
                String problem = WebhookSecret.problemWith(in.secret);
                if (problem != null) {
                    f.error("secret", problem, "value_error");
                }
            }
            // Herald extension: this endpoint's own retry schedule, delays in seconds.
            in.retrySchedule = RetrySchedule.readField(f, "retrySchedule");
            // Herald extensions: the delivery contract (method, format, signature, auth, headers, …)
            in.contract = ContractInput.read(json, f, current);
            if (in.contract != null && (Ed25519Key.isSecretKey(in.secret) || "ed25519".equals(in.keyType))) {
                requireEd25519Fits(f, in.contract, in.secret != null ? "secret" : "keyType");
            }
            if (patch && f.present("url") && !f.has("url")) {
                f.error("url", "must not be null", "type_error.none.not_allowed");
            }
            f.validate();
            return in;
        }

        /** {@code replace}: absent fields return to defaults (PUT); otherwise only present ones change. */
        void applyTo(Endpoint e, boolean replace) {
            if (replace || fields.present("description")) {
                e.setDescription(description);
            }
            // A PUT that leaves uid out keeps it: repeating an upsert by uid must find the same
            // endpoint again, not create a second one.
            if (fields.present("uid") || replace && uid != null) {
                e.setUid(uid);
            }
            if (replace || fields.present("filterTypes") || fields.present("eventTypes")) {
                e.setFilterTypes(filterTypes == null || filterTypes.isEmpty() ? null : JsonText.ofList(filterTypes));
            }
            if (replace || fields.present("channels")) {
                e.setChannels(channels == null || channels.isEmpty() ? null : JsonText.ofList(channels));
            }
            if (replace || fields.present("disabled")) {
                e.setDisabled(Boolean.TRUE.equals(disabled));
            }
            if (replace || fields.present("rateLimit") || fields.present("throttleRate")) {
                e.setRateLimit(rateLimit);
            }
            if (replace || fields.present("metadata")) {
                e.setMetadata(metadata == null ? null : JsonText.ofMap(metadata));
            }
            // Herald's own fields change only when present, on PUT too: see ContractInput
            if (fields.present("retrySchedule")) {
                e.setRetrySchedule(retrySchedule);
            }
            e.setContract(contract);
            if (secret != null && !replace) {
                e.setSecret(secret);
            }
        }
    }
}
