package dev.herald;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The management API. Paths below this one follow the Svix API ({@code /api/v1/app}, …). */
@ApplicationPath("/api/v1")
public class HeraldApi extends Application {

    /** No generated WADL: the API is described by the Svix OpenAPI document and README. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
