package dev.herald.app.boundary;

import dev.herald.app.entity.Application;
import dev.herald.delivery.control.RetrySchedule;
import dev.herald.platform.json.JsonText;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/**
 * Svix's ApplicationOut ({@code rateLimit} also under its newer name {@code throttleRate}), plus
 * Herald's {@code retrySchedule}, {@code maxEndpoints} and {@code maxPayloadBytes}.
 */
@Schema(name = "ApplicationOut", requiredProperties = {"id", "name", "createdAt", "updatedAt"},
        properties = {
        @SchemaProperty(name = "id", example = "app_01k0000000000000000000000"),
        @SchemaProperty(name = "retrySchedule", description = ApplicationDocs.RETRY_SCHEDULE + " (absent: the server default)"),
        @SchemaProperty(name = "maxEndpoints", description = "Herald extension: at most this many endpoints"),
        @SchemaProperty(name = "maxPayloadBytes", description = "Herald extension: largest payload in bytes (absent: the server's)")})
public record ApplicationOut(String id, String uid, String name, Integer rateLimit, Integer throttleRate,
        Map<String, String> metadata, List<Long> retrySchedule, Integer maxEndpoints, Integer maxPayloadBytes,
        Instant createdAt, Instant updatedAt) {

    static ApplicationOut of(Application app) {
        return new ApplicationOut(app.getId(), app.getUid(), app.getName(), app.getRateLimit(), app.getRateLimit(),
                JsonText.toMap(app.getMetadata()), RetrySchedule.seconds(app.getRetrySchedule()), app.getMaxEndpoints(),
                app.getMaxPayloadBytes(), app.getCreatedAt(), app.getUpdatedAt());
    }
}
