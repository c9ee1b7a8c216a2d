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

/** A participant of a meeting: a subordinate that points at an auth user. */
@Entity
@Table(name = "hiring_meeting_participant")
@EntityListeners(CaptureListener.class)
public class MeetingParticipant extends TenantRecord implements WebhookSubordinate {
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "meeting_id")
    private Meeting meeting;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    private AuthUser user;

    private String role;

    protected MeetingParticipant() {
    }

    public MeetingParticipant(Meeting meeting, AuthUser user, String role) {
        super("mp", meeting.tenantId());
        this.meeting = meeting;
        this.user = user;
        this.role = role;
    }

    @Override
    public WebhookRoot webhookRoot() {
        return meeting;
    }

    JsonObject snapshot() {
        return Snapshot.object().add("id", id).add("role", Snapshot.text(role)).add("is_deleted", deleted)
                .add("user", user.identity()).build();
    }
}
