package dev.herald;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The management API. Paths below this one follow the Svix API (`/api/v1/app`, …). */
@ApplicationPath("/api/v1")
public class HeraldApi extends Application {
}
