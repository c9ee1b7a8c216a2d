package dev.herald.example.hiring.entity;

import dev.herald.capture.CaptureListener;
import dev.herald.capture.WebhookObject;
import dev.herald.capture.WebhookRoot;
import jakarta.json.JsonObject;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Table;

/** {@code auth.user}: a user of the platform (recruiters, proctors, interviewers). */
@Entity
@Table(name = "hiring_user")
@EntityListeners(CaptureListener.class)
@WebhookObject(service = "auth", name = "user")
public class AuthUser extends TenantRecord implements WebhookRoot {
    private String email;
    private String name;
    private String role;

    protected AuthUser() {
    }

    public AuthUser(String tenantId, String email, String name, String role) {
        super("usr", tenantId);
        this.email = email;
        this.name = name;
        this.role = role;
    }

    public void change(String email, String name, String role) {
        if (email != null) {
            this.email = email;
        }
        if (name != null) {
            this.name = name;
        }
        if (role != null) {
            this.role = role;
        }
        touch();
    }

    /** The identity snapshot other roots embed (a meeting's participants). */
    public JsonObject identity() {
        return Snapshot.object().add("id", id).add("email", Snapshot.text(email)).add("name", Snapshot.text(name))
                .build();
    }

    @Override
    public JsonObject webhookSnapshot() {
        return baseSnapshot().add("email", Snapshot.text(email)).add("name", Snapshot.text(name))
                .add("role", Snapshot.text(role)).build();
    }
}
