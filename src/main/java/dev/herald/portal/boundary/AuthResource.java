package dev.herald.portal.boundary;

import dev.herald.app.control.Applications;
import dev.herald.app.entity.Application;
import dev.herald.platform.Times;
import dev.herald.platform.auth.AppToken;
import dev.herald.platform.auth.AppTokens;
import dev.herald.platform.idempotency.NotReplayable;
import dev.herald.platform.json.JsonBody;
import dev.herald.platform.json.Jsonp;
import dev.herald.platform.problem.Problem;
import dev.herald.platform.problem.ProblemType;
import dev.herald.portal.control.ExpireAllRequest;
import dev.herald.portal.control.PortalAccessRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/auth}: Svix's app-portal access. The operator asks for a token scoped to one
 * application and hands it to that application's owner (ScopeFilter keeps it there). The
 * answer's {@code url} opens Herald's customer portal ({@code /portal/}, static files in the WAR)
 * with the token in the fragment, which browsers and proxies never send to a server or write to
 * access logs; the portal reads it from there and calls this API with it.
 */
@Path("auth")
@Tag(name = "Authentication")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
public class AuthResource {
    static final int MAX_BODY = 16 * 1024;

    @Inject
    Applications applications;

    @Inject
    AppTokens tokens;

    @Context
    UriInfo uri;

    @Operation(operationId = "v1.authentication.app-portal-access", summary = "A token scoped to one application",
            description = "Shown once; Herald keeps only its SHA-256.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AppPortalAccessIn")))
    @APIResponse(responseCode = "200", description = "The token and a URL carrying it in the fragment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AppPortalAccessOut")))
    @POST
    @Path("app-portal-access/{app}")
    @NotReplayable
    public JsonObject appPortalAccess(@PathParam("app") String appId, @Context HttpHeaders headers, InputStream body) {
        Application app = applications.require(appId);
        PortalAccessRequest in = PortalAccessRequest.read(JsonBody.readOptionalObject(headers, body, MAX_BODY));
        String token = tokens.issue(app.getId(), in.lifetime(), in.readOnly(), in.featureFlags(), in.sessionId());
        return Jsonp.PROVIDER.createObjectBuilder()
                .add("url", portalUrl(token))
                .add("token", token)
                .build();
    }

    /**
     * {@code /portal/} beside {@code /api/v1}, wherever the API is mounted: the base URI is the
     * API's, so the portal is two segments up.
     */
    private String portalUrl(String token) {
        return uri.getBaseUri().resolve("../../portal/").toString() + "#token=" + token;
    }

    /**
     * What the presented application token may do: its application, whether it is read-only and
     * when it ends. The portal asks this first, so it offers no change a read-only token would be
     * refused, and says when the link runs out.
     */
    @Operation(operationId = "v1.authentication.session", summary = "The presented application token: its application, read-only flag and expiry",
            description = "Herald extension, for the customer portal. Only an application token has one.")
    @APIResponse(responseCode = "200", description = "The token's scope",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AppPortalSessionOut")))
    @GET
    @Path("session")
    public JsonObject session(@Context HttpHeaders headers) {
        AppToken live = tokens.live(bearer(headers));
        if (live == null) {
            throw new Problem(ProblemType.FORBIDDEN, "Only an application token has a session; the operator's token is configured");
        }
        Application app = applications.require(live.getAppId());
        var out = Jsonp.PROVIDER.createObjectBuilder()
                .add("appId", app.getId())
                .add("appName", app.getName())
                .add("readOnly", live.isReadOnly())
                .add("expiresAt", live.getExpiresAt().toString());
        if (app.getUid() != null) {
            out.add("appUid", app.getUid());
        }
        return out.build();
    }

    private static String bearer(HttpHeaders headers) {
        String header = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        return header == null || header.length() < 7 ? null : header.substring(7).trim();
    }

    /** Svix's older name for the same call (its DashboardAccessOut has the same two members). */
    @Operation(operationId = "v1.authentication.dashboard-access", summary = "Svix's older name of app-portal-access")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AppPortalAccessIn")))
    @APIResponse(responseCode = "200", description = "The token and a URL carrying it in the fragment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AppPortalAccessOut")))
    @POST
    @Path("dashboard-access/{app}")
    @NotReplayable
    public JsonObject dashboardAccess(@PathParam("app") String appId, @Context HttpHeaders headers, InputStream body) {
        return appPortalAccess(appId, headers, body);
    }

    /** Ends the presented application token (Svix: logging out any other token fails). */
    @Operation(operationId = "v1.authentication.logout", summary = "End the presented application token")
    @APIResponse(responseCode = "204", description = "Ended")
    @POST
    @Path("logout")
    public Response logout(@Context HttpHeaders headers) {
        if (!tokens.revoke(bearer(headers))) {
            throw new Problem(ProblemType.FORBIDDEN, "Only an application token can log out; the operator's token is configured");
        }
        return Response.noContent().build();
    }

    /** Svix's expire-all: ends the application's tokens now, after {@code expiry} seconds, or per session. */
    @Operation(operationId = "v1.authentication.expire-all", summary = "End an application's tokens (operator token)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApplicationTokenExpireIn")))
    @APIResponse(responseCode = "204", description = "Ended, or scheduled to end")
    @POST
    @Path("app/{app}/expire-all")
    public Response expireAll(@PathParam("app") String appId, @Context HttpHeaders headers, InputStream body) {
        Application app = applications.require(appId);
        ExpireAllRequest in = ExpireAllRequest.read(JsonBody.readOptionalObject(headers, body, MAX_BODY));
        tokens.expireAll(app.getId(), Times.now().plus(in.delay()), in.sessionIds());
        return Response.noContent().build();
    }
}
