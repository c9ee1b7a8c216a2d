package dev.herald.platform.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** The first answer to a POST carrying an {@code Idempotency-Key}; status 0 while in progress. */
@Entity
// by createdAt: the retention purge deletes the oldest records
@Table(name = "herald_idempotency", indexes = @Index(columnList = "createdAt"))
public class IdempotencyRecord {
    @Id
    @Column(length = 64)
    private String keyHash;

    private int status;

    /** SHA-256 of the first request's body: a repeat must send the same one. */
    @Column(length = 64)
    private String requestHash;

    @Column(length = 128)
    private String contentType;

    @Column(length = 1_000_000)
    private String body;

    @Column(nullable = false)
    private Instant createdAt;

    protected IdempotencyRecord() {
    }

    IdempotencyRecord(String keyHash, String requestHash, Instant now) {
        this.keyHash = keyHash;
        this.requestHash = requestHash;
        this.createdAt = now;
    }

    public String getRequestHash() {
        return requestHash;
    }

    void complete(int status, String contentType, String body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    public boolean isComplete() {
        return status != 0;
    }

    public int getStatus() {
        return status;
    }

    public String getContentType() {
        return contentType;
    }

    public String getBody() {
        return body;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
