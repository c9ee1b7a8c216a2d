package dev.herald.example.hiring.entity;

import dev.herald.capture.CaptureListener;
import dev.herald.capture.WebhookObject;
import dev.herald.capture.WebhookRoot;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** {@code can.candidate}: a root with education entries as subordinates (bubble-up). */
@Entity
@Table(name = "hiring_candidate")
@EntityListeners(CaptureListener.class)
@WebhookObject(service = "can", name = "candidate")
public class Candidate extends TenantRecord implements WebhookRoot {
    private String firstName;
    private String lastName;
    private String email;

    @OneToMany(mappedBy = "candidate", cascade = CascadeType.ALL)
    @OrderBy("createdAt")
    private List<Education> education = new ArrayList<>();

    protected Candidate() {
    }

    public Candidate(String tenantId, String firstName, String lastName, String email) {
        super("cand", tenantId);
        this.firstName = firstName;
        this.lastName = lastName;
        this.email = email;
    }

    public void rename(String firstName, String lastName) {
        if (firstName != null) {
            this.firstName = firstName;
        }
        if (lastName != null) {
            this.lastName = lastName;
        }
        touch();
    }

    public void setEmail(String email) {
        this.email = email;
        touch();
    }

    public List<Education> getEducation() {
        return education;
    }

    /** The identity part, embedded by roots that denormalize a candidate. */
    public JsonObject identity() {
        return Snapshot.object().add("id", id).add("first_name", Snapshot.text(firstName))
                .add("last_name", Snapshot.text(lastName)).add("email", Snapshot.text(email)).build();
    }

    @Override
    public JsonObject webhookSnapshot() {
        JsonArrayBuilder entries = Snapshot.JSON.createArrayBuilder();
        education.forEach(e -> entries.add(e.snapshot()));
        return baseSnapshot().add("first_name", Snapshot.text(firstName)).add("last_name", Snapshot.text(lastName))
                .add("email", Snapshot.text(email)).add("education", entries).build();
    }
}
