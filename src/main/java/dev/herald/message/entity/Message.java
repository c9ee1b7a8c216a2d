package dev.herald.message.entity;

import dev.herald.platform.Times;
import dev.herald.app.entity.Application;
import dev.herald.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.ConstraintMode;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/** An event, stored once; it fans out to one delivery per matching endpoint. */
@Entity
@Table(name = "herald_message",
        uniqueConstraints = @UniqueConstraint(columnNames = {"app_id", "eventId"}),
        // by timestamp: the retention purge looks for the oldest messages
        indexes = {@Index(columnList = "app_id, id"), @Index(columnList = "timestamp")})
public class Message {
    @Id
    @Column(length = 40)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "app_id", foreignKey = @ForeignKey(ConstraintMode.NO_CONSTRAINT))
    private Application app;

    @Column(length = 256)
    private String eventId;

    @Column(nullable = false, length = 256)
    private String eventType;

    /** The payload as compact JSON text: exactly the bytes that are signed and sent. */
    @Column(nullable = false, length = 1_000_000)
    private String payload;

    @Column(length = 16_384)
    private String channels;

    @Column(nullable = false)
    private Instant timestamp;

    /**
     * Svix's {@code payloadRetentionPeriod}: after this the payload is expunged (once nothing is
     * owed); null keeps it for the server's retention period.
     */
    private Instant payloadExpiresAt;

    /** The deliveries it owes without rows (dev.herald.delivery.control.Destinations); written by ingest only. */
    @Column(length = 1_000_000, insertable = false, updatable = false)
    private String destinations;

    protected Message() {
    }

    public Message(Application app, String eventType, String payload, String eventId) {
        this.id = Ids.next("msg");
        this.app = app;
        this.eventType = eventType;
        this.payload = payload;
        this.eventId = eventId;
        this.timestamp = Times.now();
    }

    public Instant getPayloadExpiresAt() {
        return payloadExpiresAt;
    }

    public void setPayloadExpiresAt(Instant payloadExpiresAt) {
        this.payloadExpiresAt = payloadExpiresAt;
    }

    public String getId() {
        return id;
    }

    public Application getApp() {
        return app;
    }

    public String getEventId() {
        return eventId;
    }

    public String getEventType() {
        return eventType;
    }

    public String getPayload() {
        return payload;
    }

    public String getChannels() {
        return channels;
    }

    public String getDestinations() {
        return destinations;
    }

    public void setChannels(String channels) {
        this.channels = channels;
    }

    public Instant getTimestamp() {
        return timestamp;
    }
}
