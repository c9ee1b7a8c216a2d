package dev.herald.example.hiring.entity;

import dev.herald.capture.CaptureListener;
import dev.herald.capture.Operation;
import dev.herald.capture.WebhookRoot;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PostLoad;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.util.Map;

/**
 * An AI interview, TalentSprout's way: {@code interview.completed} when it is finished and
 * evaluated, {@code interview.abandoned} when the session expires unfinished, and nothing for
 * other changes. An interview may carry its own webhook URL, which replaces the organisation's
 * for its events.
 */
@Entity
@Table(name = "hiring_interview")
@EntityListeners(CaptureListener.class)
public class Interview extends TenantRecord implements WebhookRoot {
    public static final String COMPLETED = "completed";
    public static final String ABANDONED = "abandoned";

    private String title;
    private String companyName;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "candidate_id")
    private Candidate candidate;

    private String status;
    private Double overallScore;

    @Column(length = 2048)
    private String webhookUrl;

    @Transient
    private String statusAtLoad;

    protected Interview() {
    }

    public Interview(Candidate candidate, String title, String companyName, String webhookUrl) {
        super("int", candidate.tenantId());
        this.candidate = candidate;
        this.title = title;
        this.companyName = companyName;
        this.webhookUrl = webhookUrl;
        this.status = "in_progress";
    }

    @PostLoad
    void remember() {
        statusAtLoad = status;
    }

    public boolean isFinished() {
        return COMPLETED.equals(status) || ABANDONED.equals(status);
    }

    public String status() {
        return status;
    }

    public void finish(String status, Double overallScore) {
        this.status = status;
        if (overallScore != null) {
            this.overallScore = overallScore;
        }
        touch();
    }

    public void setWebhookUrl(String webhookUrl) {
        this.webhookUrl = webhookUrl;
        touch();
    }

    @Override
    public String eventTypeFor(Operation operation) {
        boolean reached = operation != Operation.DELETED && !status.equals(statusAtLoad);
        if (reached && COMPLETED.equals(status)) {
            return "interview.completed";
        }
        if (reached && ABANDONED.equals(status)) {
            return "interview.abandoned";
        }
        return null;
    }

    @Override
    public Map<String, String> endpointUrls() {
        return webhookUrl == null || webhookUrl.isBlank() ? Map.of() : Map.of("*", webhookUrl);
    }

    @Override
    public JsonObject webhookSnapshot() {
        JsonObject who = candidate.identity();
        String first = who.isNull("first_name") ? "" : who.getString("first_name");
        String last = who.isNull("last_name") ? "" : who.getString("last_name");
        return Snapshot.object()
                .add("event", isFinished() ? Snapshot.text("interview." + status) : jakarta.json.JsonValue.NULL)
                .add("api_version", "2025-01-01").add("timestamp", Snapshot.time(updatedAt))
                .add("interview", Snapshot.object().add("id", id).add("title", Snapshot.text(title))
                        .add("company_name", Snapshot.text(companyName)))
                .add("candidate", Snapshot.object().add("first_name", first).add("last_name", last)
                        .add("full_name", (first + " " + last).trim()).add("email", who.get("email")))
                .add("session", Snapshot.object().add("status", Snapshot.text(status))
                        .add("started_at", Snapshot.time(createdAt)).add("ended_at", Snapshot.time(updatedAt)))
                .add("scores", Snapshot.object().add("overall", overallScore == null ? jakarta.json.JsonValue.NULL
                        : Snapshot.JSON.createValue(overallScore)))
                .build();
    }
}
