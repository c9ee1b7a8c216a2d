package dev.herald.example.hiring.entity;

import dev.herald.capture.CaptureListener;
import dev.herald.capture.Operation;
import dev.herald.capture.WebhookObject;
import dev.herald.capture.WebhookRoot;
import jakarta.json.JsonObject;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Table;

/**
 * {@code incident.instance}: a proctoring incident, with the proctoring session's status and
 * score embedded. Talview documents one event for it, {@code incident_instance_updated}, sent
 * when an incident is created, updated or resolved.
 */
@Entity
@Table(name = "hiring_incident")
@EntityListeners(CaptureListener.class)
@WebhookObject(service = "incident", name = "instance")
public class IncidentInstance extends TenantRecord implements WebhookRoot {
    private String kind;
    private String severity;
    private String status;
    private String sessionId;
    private String sessionStatus;
    private Double sessionScore;

    protected IncidentInstance() {
    }

    public IncidentInstance(String tenantId, String kind, String severity, String sessionId, String sessionStatus,
            Double sessionScore) {
        super("inc", tenantId);
        this.kind = kind;
        this.severity = severity;
        this.status = "open";
        this.sessionId = sessionId;
        this.sessionStatus = sessionStatus;
        this.sessionScore = sessionScore;
    }

    public void change(String status, String severity) {
        if (status != null) {
            this.status = status;
        }
        if (severity != null) {
            this.severity = severity;
        }
        touch();
    }

    @Override
    public String eventTypeFor(Operation operation) {
        return operation == Operation.DELETED ? null : "incident_instance_updated";
    }

    @Override
    public JsonObject webhookSnapshot() {
        return baseSnapshot().add("kind", Snapshot.text(kind)).add("severity", Snapshot.text(severity))
                .add("status", Snapshot.text(status))
                .add("session", Snapshot.object().add("id", Snapshot.text(sessionId))
                        .add("status", Snapshot.text(sessionStatus)).add("score", sessionScore == null
                                ? jakarta.json.JsonValue.NULL
                                : Snapshot.JSON.createValue(sessionScore)))
                .build();
    }
}
