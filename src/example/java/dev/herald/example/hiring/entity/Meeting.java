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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sch.meeting}: an interview slot. Participants are subordinates; the payload embeds
 * each participant's user identity snapshot (scheduler joined with auth, in Talview's words).
 */
@Entity
@Table(name = "hiring_meeting")
@EntityListeners(CaptureListener.class)
@WebhookObject(service = "sch", name = "meeting")
public class Meeting extends TenantRecord implements WebhookRoot {
    private String title;
    private Instant startsAt;
    private String status;

    @OneToMany(mappedBy = "meeting", cascade = CascadeType.ALL)
    @OrderBy("createdAt")
    private List<MeetingParticipant> participants = new ArrayList<>();

    protected Meeting() {
    }

    public Meeting(String tenantId, String title, Instant startsAt) {
        super("mtg", tenantId);
        this.title = title;
        this.startsAt = startsAt;
        this.status = "scheduled";
    }

    public void change(String title, Instant startsAt, String status) {
        if (title != null) {
            this.title = title;
        }
        if (startsAt != null) {
            this.startsAt = startsAt;
        }
        if (status != null) {
            this.status = status;
        }
        touch();
    }

    public List<MeetingParticipant> getParticipants() {
        return participants;
    }

    @Override
    public JsonObject webhookSnapshot() {
        JsonArrayBuilder people = Snapshot.JSON.createArrayBuilder();
        participants.forEach(p -> people.add(p.snapshot()));
        return baseSnapshot().add("title", Snapshot.text(title)).add("starts_at", Snapshot.time(startsAt))
                .add("status", Snapshot.text(status)).add("participants", people).build();
    }
}
