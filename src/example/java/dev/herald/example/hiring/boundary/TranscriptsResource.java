package dev.herald.example.hiring.boundary;

import dev.herald.capture.Captures;
import dev.herald.example.hiring.control.Input;
import dev.herald.example.hiring.entity.Transcript;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** TalentLynk's transcripts: {@code transcript.created}. */
@Path("domain/transcripts")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@Captures
public class TranscriptsResource {
    @PersistenceContext
    EntityManager em;

    @Inject
    Records records;

    @POST
    public Response createTranscript(InputStream body) {
        JsonObject json = Input.readObject(body, Records.MAX_BODY);
        Input f = Input.of(json);
        String tenant = f.requiredString("tenant_id", 256);
        String messageId = f.requiredString("messageId", 64);
        transcriptFields(json, f);
        f.validate();
        var rest = Input.JSON.createObjectBuilder(json).remove("tenant_id").build();
        Transcript t = new Transcript(tenant, messageId, rest.toString());
        em.persist(t);
        return records.created(t);
    }

    /** TalentLynk's transcript fields, with their types; no others. */
    private static void transcriptFields(JsonObject json, Input f) {
        for (var e : json.entrySet()) {
            JsonValue v = e.getValue();
            boolean ok = switch (e.getKey()) {
                case "tenant_id", "messageId" -> true;
                case "status", "conversation", "languageCode" -> v.getValueType() == JsonValue.ValueType.STRING;
                case "recruiter", "error" -> v.getValueType() == JsonValue.ValueType.STRING || v == JsonValue.NULL;
                case "duration", "confidence" -> v.getValueType() == JsonValue.ValueType.NUMBER;
                case "utterances" -> v instanceof jakarta.json.JsonArray a && a.stream().allMatch(u ->
                        u instanceof JsonObject o && o.keySet().equals(java.util.Set.of("speaker", "text"))
                                && o.get("speaker") instanceof jakarta.json.JsonString
                                && o.get("text") instanceof jakarta.json.JsonString);
                default -> false;
            };
            if (!ok) {
                f.error(e.getKey(), "unknown field, or the wrong type for a transcript (see transcript.created "
                        + "in the event-type catalog)");
            }
        }
    }
}
