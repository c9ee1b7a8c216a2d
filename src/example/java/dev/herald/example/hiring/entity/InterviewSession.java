package dev.herald.example.hiring.entity;

import dev.herald.capture.CaptureListener;
import dev.herald.capture.Operation;
import dev.herald.capture.WebhookRoot;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.PostLoad;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

/**
 * An interview session, Apriora's way: {@code session.started} when the candidate enters (and
 * again on every resume), {@code session.paused}, {@code session.ended} when the conversation is
 * over for good, and {@code session.completed} with the report once it is evaluated.
 */
@Entity
@Table(name = "hiring_session")
@EntityListeners(CaptureListener.class)
public class InterviewSession extends TenantRecord implements WebhookRoot {
    public static final java.util.Set<String> STATES = java.util.Set.of("started", "paused", "ended", "completed");

    private String reportId;
    private String candidateName;
    private String status;

    /** The evaluation report, as a JSON object, once completed. */
    @Column(length = 300_000)
    private String report;

    @Transient
    private String statusAtLoad;

    protected InterviewSession() {
    }

    public InterviewSession(String tenantId, String reportId, String candidateName) {
        super("ses", tenantId);
        this.reportId = reportId;
        this.candidateName = candidateName;
        this.status = "started";
    }

    @PostLoad
    void remember() {
        statusAtLoad = status;
    }

    public String status() {
        return status;
    }

    /**
     * Apriora's lifecycle: started ⇄ paused, either → ended (no way back), ended → completed
     * (the report); completed is final.
     */
    public boolean canMoveTo(String next) {
        return switch (status) {
            case "started" -> next.equals("paused") || next.equals("ended");
            case "paused" -> next.equals("started") || next.equals("ended");
            case "ended" -> next.equals("completed");
            default -> false;
        };
    }

    public void moveTo(String status, String report) {
        this.status = status;
        if (report != null) {
            this.report = report;
        }
        touch();
    }

    @Override
    public String eventTypeFor(Operation operation) {
        if (operation == Operation.DELETED || operation == Operation.UPDATED && status.equals(statusAtLoad)) {
            return null;
        }
        return "session." + status;
    }

    @Override
    public JsonObject webhookSnapshot() {
        var b = Snapshot.object().add("event", "session." + status).add("reportId", Snapshot.text(reportId))
                .add("sessionId", id).add("candidateName", Snapshot.text(candidateName))
                .add("status", Snapshot.text(status)).add("timestamp", Snapshot.time(updatedAt));
        if ("completed".equals(status)) {
            b.add("report", Snapshot.json(report));
        }
        return b.build();
    }
}
