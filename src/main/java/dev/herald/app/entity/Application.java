package dev.herald.app.entity;

import dev.herald.platform.Times;
import dev.herald.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A tenant of the sending platform (Svix "application"): its endpoints receive its messages. */
@Entity
@jakarta.persistence.EntityListeners(dev.herald.platform.cache.ConfigGeneration.Listener.class)
@Table(name = "herald_application")
public class Application {
    @Id
    @Column(length = 40)
    private String id;

    @Column(unique = true, length = 256)
    private String uid;

    @Column(nullable = false, length = 256)
    private String name;

    private Integer rateLimit;

    @Column(length = 16_384)
    private String metadata;

    /** Herald extension: the default retry schedule of this application's endpoints. */
    @Column(length = 1024)
    private String retrySchedule;

    /** Herald extension: at most this many endpoints (TalentLynk allows 2); null: no limit. */
    private Integer maxEndpoints;

    /** Herald extension: the largest payload accepted, in bytes; null: the server's limit. */
    private Integer maxPayloadBytes;

    @Column(nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Application() {
    }

    /**
     * The operator's own application, which holds the endpoints registered for operational
     * webhooks (Svix's {@code /operational-webhook/endpoint}) and their messages, so they are
     * signed, retried and logged like any other. No API path reaches it as an application.
     */
    public static final String OPERATIONAL_ID = "app_herald_operational";

    public static Application operational() {
        Application app = new Application("Operational webhooks");
        app.id = OPERATIONAL_ID;
        return app;
    }

    public boolean isOperational() {
        return OPERATIONAL_ID.equals(id);
    }

    public Application(String name) {
        this.id = Ids.next("app");
        this.name = name;
        this.createdAt = Times.now();
        this.updatedAt = createdAt;
    }

    public void touch() {
        updatedAt = Times.now();
    }

    public String getId() {
        return id;
    }

    public String getUid() {
        return uid;
    }

    public void setUid(String uid) {
        this.uid = uid;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getRateLimit() {
        return rateLimit;
    }

    public void setRateLimit(Integer rateLimit) {
        this.rateLimit = rateLimit;
    }

    public String getMetadata() {
        return metadata;
    }

    public void setMetadata(String metadata) {
        this.metadata = metadata;
    }

    public String getRetrySchedule() {
        return retrySchedule;
    }

    public void setRetrySchedule(String retrySchedule) {
        this.retrySchedule = retrySchedule;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Integer getMaxEndpoints() {
        return maxEndpoints;
    }

    public void setMaxEndpoints(Integer maxEndpoints) {
        this.maxEndpoints = maxEndpoints;
    }

    public Integer getMaxPayloadBytes() {
        return maxPayloadBytes;
    }

    public void setMaxPayloadBytes(Integer maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }
}
