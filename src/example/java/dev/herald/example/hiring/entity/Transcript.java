package dev.herald.example.hiring.entity;

import dev.herald.capture.CaptureListener;
import dev.herald.capture.Operation;
import dev.herald.capture.WebhookRoot;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Table;

/** A call transcript, TalentLynk's way: {@code transcript.created} once, when it is ready. */
@Entity
@Table(name = "hiring_transcript")
@EntityListeners(CaptureListener.class)
public class Transcript extends TenantRecord implements WebhookRoot {
    private String messageId;
    private String status;

    /** Utterances, conversation, duration, confidence… as a JSON object. */
    @Column(length = 262_144)
    private String body;

    protected Transcript() {
    }

    public Transcript(String tenantId, String messageId, String body) {
        super("trn", tenantId);
        this.messageId = messageId;
        this.status = "completed";
        this.body = body;
    }

    @Override
    public String eventTypeFor(Operation operation) {
        return operation == Operation.CREATED ? "transcript.created" : null;
    }

    @Override
    public JsonObject webhookSnapshot() {
        var b = Snapshot.object().add("messageId", Snapshot.text(messageId)).add("status", Snapshot.text(status));
        JsonObject fields = body == null ? jakarta.json.JsonValue.EMPTY_JSON_OBJECT
                : Snapshot.json(body).asJsonObject();
        fields.forEach((k, v) -> {
            if (!k.equals("messageId") && !k.equals("status")) {
                b.add(k, v);
            }
        });
        return b.add("createdAt", Snapshot.time(createdAt)).add("triggeredAt", Snapshot.time(updatedAt)).build();
    }
}
