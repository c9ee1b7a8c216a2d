package dev.herald.subscription.boundary;

import dev.herald.app.control.Applications;
import dev.herald.contract.EndpointContract;
import dev.herald.contract.HeaderRules;
import dev.herald.platform.json.JsonBody;
import dev.herald.platform.problem.FieldError;
import dev.herald.platform.problem.Problem;
import dev.herald.subscription.control.Endpoints;
import dev.herald.subscription.entity.Endpoint;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/app/{app}/endpoint/{ep}/headers}: Svix's custom headers. GET leaves out the
 * values of sensitive headers (names like Authorization, *-Token, *-Secret) and lists their
 * names under {@code sensitive}; PUT replaces all; PATCH sets the given ones, and removes those
 * given as null or listed in {@code deleteHeaders}.
 */
@Path("app/{app}/endpoint/{endpoint}/headers")
@Tag(name = "Endpoint")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
public class EndpointHeadersResource {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Applications applications;

    @Inject
    Endpoints endpoints;

    @PathParam("app")
    String appId;

    @PathParam("endpoint")
    String endpointId;

    @Schema(name = "EndpointHeadersOut", description = "Values of sensitive headers (Authorization, *-Token, "
            + "*-Secret, …) are left out; their names are listed under sensitive", requiredProperties = {"headers", "sensitive"})
    public record HeadersOut(Map<String, String> headers, List<String> sensitive) {
    }

    @Operation(operationId = "v1.endpoint.get-headers", summary = "The endpoint's static headers")
    @APIResponse(responseCode = "200", description = "The headers",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointHeadersOut")))
    @GET
    public HeadersOut get() {
        Map<String, String> shown = new LinkedHashMap<>();
        List<String> sensitive = new ArrayList<>();
        endpoint().getContract().headers().forEach((name, value) -> {
            if (HeaderRules.isSensitive(name)) {
                sensitive.add(name);
            } else {
                shown.put(name, value);
            }
        });
        return new HeadersOut(shown, sensitive);
    }

    @Operation(operationId = "v1.endpoint.update-headers", summary = "Replace the static headers")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointHeadersIn")))
    @APIResponse(responseCode = "204", description = "Replaced")
    @PUT
    public Response replace(@Context HttpHeaders headers, InputStream body) {
        Endpoint endpoint = endpoint();
        JsonObject json = JsonBody.readObject(headers, body, EndpointsResource.MAX_BODY);
        Map<String, String> next = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        read(json, errors, false).forEach((k, v) -> next.put(k, v));
        save(endpoint, next, errors);
        return Response.noContent().build();
    }

    @Operation(operationId = "v1.endpoint.patch-headers", summary = "Set or remove some static headers")
    @RequestBody(required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EndpointHeadersPatchIn")))
    @APIResponse(responseCode = "204", description = "Changed")
    @PATCH
    public Response patch(@Context HttpHeaders headers, InputStream body) {
        Endpoint endpoint = endpoint();
        JsonObject json = JsonBody.readObject(headers, body, EndpointsResource.MAX_BODY);
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> next = new LinkedHashMap<>(endpoint.getContract().headers());
        read(json, errors, true).forEach((name, value) -> {
            next.keySet().removeIf(k -> k.equalsIgnoreCase(name));
            if (value != null) {
                next.put(name, value);
            }
        });
        if (json.get("deleteHeaders") instanceof jakarta.json.JsonArray delete) {
            for (JsonValue v : delete) {
                if (v instanceof JsonString s) {
                    next.keySet().removeIf(k -> k.equalsIgnoreCase(s.getString()));
                } else {
                    errors.add(FieldError.body("deleteHeaders", "must be a list of header names", "type_error.list"));
                }
            }
        } else if (json.containsKey("deleteHeaders") && json.get("deleteHeaders") != JsonValue.NULL) {
            errors.add(FieldError.body("deleteHeaders", "must be a list of header names", "type_error.list"));
        }
        save(endpoint, next, errors);
        return Response.noContent().build();
    }

    private Endpoint endpoint() {
        return endpoints.require(applications.require(appId), endpointId);
    }

    /** The {@code headers} object; null values (PATCH only) mean "remove". */
    private static Map<String, String> read(JsonObject json, List<FieldError> errors, boolean nullsAllowed) {
        for (String key : json.keySet()) {
            if (!key.equals("headers") && !(nullsAllowed && key.equals("deleteHeaders"))) {
                errors.add(FieldError.body(key, "unknown field", "value_error.extra"));
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        JsonValue value = json.get("headers");
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            if (!nullsAllowed || value != null) {
                errors.add(FieldError.body("headers", "must be an object of header names to values", "type_error.dict"));
            }
            return out;
        }
        value.asJsonObject().forEach((name, v) -> {
            if (v instanceof JsonString s) {
                out.put(name, s.getString());
            } else if (nullsAllowed && v.getValueType() == JsonValue.ValueType.NULL) {
                out.put(name, null);
            } else {
                errors.add(FieldError.body("headers." + name, "must be a string", "type_error.str"));
            }
        });
        return out;
    }

    private void save(Endpoint endpoint, Map<String, String> next, List<FieldError> errors) {
        if (errors.isEmpty()) {
            String problem = HeaderRules.problemWith(next);
            EndpointContract contract = endpoint.getContract();
            if (problem == null && contract.auth() != null && next.keySet().stream()
                    .anyMatch(k -> k.equalsIgnoreCase(contract.auth().headerName()))) {
                problem = "header '" + contract.auth().headerName() + "' is already set by the endpoint's auth";
            }
            if (problem == null && contract.signature().header() != null && next.keySet().stream()
                    .anyMatch(k -> k.toLowerCase(Locale.ROOT).equals(contract.signature().header().toLowerCase(Locale.ROOT)))) {
                problem = "header '" + contract.signature().header() + "' carries the endpoint's signature";
            }
            if (problem != null) {
                errors.add(FieldError.body("headers", problem, "value_error"));
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        endpoint.setContract(endpoint.getContract().withHeaders(next));
        endpoint.touch();
        em.flush();
    }
}
