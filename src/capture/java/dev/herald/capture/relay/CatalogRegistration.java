package dev.herald.capture.relay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;

/**
 * Registers the application's event types in Herald's catalog ({@code META-INF/herald/event-types.json}:
 * a JSON array of Svix event types, each with a description and a JSON schema carrying an example),
 * once per start and before the first event, so receivers can read the schemas and
 * {@code send-example} has something to send. A type Herald already knows is left as it is.
 */
@ApplicationScoped
public class CatalogRegistration {
    private static final Logger LOG = Logger.getLogger(CatalogRegistration.class.getName());

    @Inject
    RelaySettings settings;

    @Inject
    HeraldClient herald;

    private volatile List<JsonObject> remaining;

    /** True when every type is in Herald (or was refused there for good); false to try again later. */
    public boolean register(ClassLoader application) {
        if (remaining == null) {
            remaining = Collections.synchronizedList(new ArrayList<>(read(application, settings.catalogResource())));
        }
        while (!remaining.isEmpty()) {
            JsonObject type = remaining.get(0);
            HeraldClient.Answer answer = herald.registerEventType(type);
            switch (answer.verdict()) {
                case UNAVAILABLE -> {
                    return false;
                }
                case REFUSED, NO_APPLICATION -> LOG.severe("Herald refused event type " + type.getString("name", "?")
                        + ": " + answer.detail());
                default -> {
                }
            }
            remaining.remove(0);
        }
        return true;
    }

    static List<JsonObject> read(ClassLoader loader, String resource) {
        List<JsonObject> types = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(resource))) {
                try (InputStream in = url.openStream(); var reader = HeraldClient.JSON.createReader(in)) {
                    JsonArray array = reader.readArray();
                    for (JsonValue v : array) {
                        types.add(v.asJsonObject());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return types;
    }
}
