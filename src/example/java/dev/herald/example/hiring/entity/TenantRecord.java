package dev.herald.example.hiring.entity;

import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * What every record of the example domain has: an id, its tenant, a soft-delete flag, its
 * timestamps and an optimistic-lock version. {@code tenant_id} and {@code is_deleted} go into
 * snapshots like any column; capture's visibility rules take them out.
 */
@MappedSuperclass
public abstract class TenantRecord {
    @Id
    @Column(length = 40)
    protected String id;

    @Column(nullable = false, length = 256)
    protected String tenantId;

    protected boolean deleted;

    @Column(nullable = false)
    protected Instant createdAt;

    @Column(nullable = false)
    protected Instant updatedAt;

    @Version
    protected long version;

    protected TenantRecord() {
    }

    protected TenantRecord(String prefix, String tenantId) {
        this.id = RecordIds.next(prefix);
        this.tenantId = tenantId;
        this.createdAt = RecordIds.now();
        this.updatedAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String webhookId() {
        return id;
    }

    public boolean softDeleted() {
        return deleted;
    }

    public void markDeleted() {
        deleted = true;
        touch();
    }

    public void touch() {
        updatedAt = RecordIds.now();
    }

    public long getVersion() {
        return version;
    }

    /** The columns every snapshot starts with. */
    protected JsonObjectBuilder baseSnapshot() {
        return Snapshot.object().add("id", id).add("tenant_id", tenantId).add("is_deleted", deleted)
                .add("created_at", Snapshot.time(createdAt)).add("updated_at", Snapshot.time(updatedAt));
    }
}
