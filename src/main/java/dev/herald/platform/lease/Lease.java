package dev.herald.platform.lease;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A named job that one instance at a time may run (the daily retention purge): the instance
 * that moves {@code expiresAt} forward, in one conditional update, holds it until then. The
 * rows are created by the migrations, one per job.
 */
@Entity
@Table(name = "herald_lease")
public class Lease {
    @Id
    @Column(length = 64)
    private String name;

    @Column(length = 200)
    private String holder;

    private Instant expiresAt;

    protected Lease() {
    }

    public String getName() {
        return name;
    }

    public String getHolder() {
        return holder;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
