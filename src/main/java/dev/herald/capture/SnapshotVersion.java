package dev.herald.capture;

import dev.herald.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/**
 * One published state of a versioned root, numbered from 1. The next {@code updated} reads the
 * newest as its {@code old}: exact across restarts, and two transactions that both read version
 * n cannot both write n + 1 (the unique key fails the second, which rolls back with its change).
 */
@Entity
@Table(name = "herald_snapshot", uniqueConstraints = @UniqueConstraint(columnNames = {"rootType", "rootId", "version"}))
public class SnapshotVersion {
    @Id
    @Column(length = 40)
    private String id;

    @Column(nullable = false, length = 128)
    private String rootType;

    @Column(nullable = false, length = 256)
    private String rootId;

    private int version;

    @Column(nullable = false, length = 1_000_000)
    private String snapshot;

    @Column(nullable = false)
    private Instant createdAt;

    protected SnapshotVersion() {
    }

    public SnapshotVersion(String rootType, String rootId, int version, String snapshot, Instant createdAt) {
        this.id = Ids.next("snap");
        this.rootType = rootType;
        this.rootId = rootId;
        this.version = version;
        this.snapshot = snapshot;
        this.createdAt = createdAt;
    }

    public int getVersion() {
        return version;
    }

    public String getSnapshot() {
        return snapshot;
    }
}
