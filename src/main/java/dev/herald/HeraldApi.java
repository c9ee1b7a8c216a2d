package dev.herald;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The management API. Paths below this one follow the Svix API ({@code /api/v1/app}, …). */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(
        info = @Info(title = "Herald", version = "1",
                description = "Webhook delivery with a Svix-compatible API. Bearer token: the operator's API token, "
                        + "or an application token from /api/v1/auth/app-portal-access/{app} (its own application "
                        + "only). Herald's own fields (delivery contract, retry schedules, limits, URL overrides, "
                        + "delivery log) are marked 'Herald extension'. Errors are RFC 9457 problem documents.",
                license = @License(name = "Proprietary")),
        servers = @Server(url = "/", description = "This Herald server (paths start with /api/v1)"),
        security = @SecurityRequirement(name = "bearer"),
        tags = {
            @Tag(name = "Application", description = "Tenants of the platform sending webhooks"),
            @Tag(name = "Endpoint", description = "Where and how an application's webhooks are delivered"),
            @Tag(name = "Message", description = "Events to deliver; answered 202, delivered asynchronously"),
            @Tag(name = "Message Attempt", description = "The delivery log"),
            @Tag(name = "Delivery", description = "Herald extension: what is owed to each endpoint; dead letters"),
            @Tag(name = "Event Type", description = "The catalog of event types, with JSON schemas and examples"),
            @Tag(name = "Authentication", description = "Application-scoped tokens (Svix app-portal access)"),
            @Tag(name = "Health", description = "No token needed")})
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "Authorization: Bearer <token>")
public class HeraldApi extends Application {

    /**
     * No generated WADL: the API is described at /openapi (MicroProfile OpenAPI) and in the README.
     * No Bean Validation: the resources validate their input themselves (strict JSON binding, 422
     * naming the field) and carry no constraint annotations for Jersey to look for.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true,
                "jersey.config.beanValidation.disable.server", true);
    }
}
