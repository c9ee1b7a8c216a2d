package dev.herald.eventtype.entity;

import dev.herald.platform.Times;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An entry of the event-type catalog (Svix "event type"), keyed by its name. */
@Entity
@Table(name = "herald_event_type")
public class EventType {
    @Id
    @Column(length = 256)
    private String name;

    @Column(nullable = false, length = 4096)
    private String description;

    private boolean archived;

    private boolean deprecated;

    @Column(length = 256)
    private String featureFlag;

    /** JSON object: version → JSON schema. */
    @Column(length = 1_000_000)
    private String schemas;

    @Column(nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    protected EventType() {
    }

    public EventType(String name, String description) {
        this.name = name;
        this.description = description;
        this.createdAt = Times.now();
        this.updatedAt = createdAt;
    }

    public void touch() {
        updatedAt = Times.now();
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public boolean isArchived() {
        return archived;
    }

    public void setArchived(boolean archived) {
        this.archived = archived;
    }

    public boolean isDeprecated() {
        return deprecated;
    }

    public void setDeprecated(boolean deprecated) {
        this.deprecated = deprecated;
    }

    public String getFeatureFlag() {
        return featureFlag;
    }

    public void setFeatureFlag(String featureFlag) {
        this.featureFlag = featureFlag;
    }

    public String getSchemas() {
        return schemas;
    }

    public void setSchemas(String schemas) {
        this.schemas = schemas;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
