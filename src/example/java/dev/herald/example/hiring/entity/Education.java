package dev.herald.example.hiring.entity;

import dev.herald.capture.CaptureListener;
import dev.herald.capture.WebhookRoot;
import dev.herald.capture.WebhookSubordinate;
import jakarta.json.JsonObject;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** {@code can.education}: a subordinate of the candidate; it sends no event of its own. */
@Entity
@Table(name = "hiring_education")
@EntityListeners(CaptureListener.class)
public class Education extends TenantRecord implements WebhookSubordinate {
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "candidate_id")
    private Candidate candidate;

    private String institution;
    private String degree;
    private Integer graduationYear;

    protected Education() {
    }

    public Education(Candidate candidate, String institution, String degree, Integer graduationYear) {
        super("edu", candidate.tenantId());
        this.candidate = candidate;
        this.institution = institution;
        this.degree = degree;
        this.graduationYear = graduationYear;
    }

    public void change(String institution, String degree, Integer graduationYear) {
        if (institution != null) {
            this.institution = institution;
        }
        if (degree != null) {
            this.degree = degree;
        }
        if (graduationYear != null) {
            this.graduationYear = graduationYear;
        }
        touch();
    }

    public Candidate getCandidate() {
        return candidate;
    }

    @Override
    public WebhookRoot webhookRoot() {
        return candidate;
    }

    JsonObject snapshot() {
        return baseSnapshot().add("institution", Snapshot.text(institution)).add("degree", Snapshot.text(degree))
                .add("graduation_year", graduationYear == null ? jakarta.json.JsonValue.NULL
                        : Snapshot.JSON.createValue(graduationYear))
                .build();
    }
}
