package dev.herald.example.hiring.entity;

import dev.herald.capture.CaptureListener;
import dev.herald.capture.WebhookObject;
import dev.herald.capture.WebhookRoot;
import jakarta.json.JsonObject;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * {@code ae.test_instance}: one attempt at an assessment. Its payload is denormalized: it embeds
 * the candidate's snapshot, as Talview's cross-service payloads do.
 */
@Entity
@Table(name = "hiring_test_instance")
@EntityListeners(CaptureListener.class)
@WebhookObject(service = "ae", name = "test_instance")
public class TestInstance extends TenantRecord implements WebhookRoot {
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "candidate_id")
    private Candidate candidate;

    private String assessment;
    private String status;
    private Double score;

    protected TestInstance() {
    }

    public TestInstance(Candidate candidate, String assessment) {
        super("ti", candidate.tenantId());
        this.candidate = candidate;
        this.assessment = assessment;
        this.status = "started";
    }

    public void progress(String status, Double score) {
        if (status != null) {
            this.status = status;
        }
        if (score != null) {
            this.score = score;
        }
        touch();
    }

    @Override
    public JsonObject webhookSnapshot() {
        return baseSnapshot().add("assessment", Snapshot.text(assessment)).add("status", Snapshot.text(status))
                .add("score", score == null ? jakarta.json.JsonValue.NULL
                        : Snapshot.JSON.createValue(score))
                .add("candidate", candidate.identity()).build();
    }
}
