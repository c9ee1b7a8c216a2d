package dev.herald.platform.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A token scoped to one application (Svix's app-portal access). Only the SHA-256 of the token is
 * kept: the token itself is shown once, to the operator who asked for it, and a copy of this
 * table lets nobody call the API.
 */
@Entity
@Table(name = "herald_app_token", indexes = {@Index(columnList = "appId"), @Index(columnList = "expiresAt")})
public class AppToken {
    @Id
    @Column(length = 64)
    private String tokenHash;

    @Column(nullable = false, length = 40)
    private String appId;

    @Column(nullable = false)
    private Instant expiresAt;

    private boolean readOnly;

    /** Svix's session id: expire-all can end the tokens of chosen sessions only. */
    @Column(length = 256)
    private String sessionId;

    /** Svix's feature flags, comma-separated; kept for the day event types are filtered by them. */
    @Column(length = 4096)
    private String featureFlags;

    @Column(nullable = false)
    private Instant createdAt;

    protected AppToken() {
    }

    AppToken(String tokenHash, String appId, Instant createdAt, Instant expiresAt, boolean readOnly) {
        this.tokenHash = tokenHash;
        this.appId = appId;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.readOnly = readOnly;
    }

    public String getAppId() {
        return appId;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    void setSessionId(String sessionId) {
        this.sessionId = sessionId;
    }

    void setFeatureFlags(String featureFlags) {
        this.featureFlags = featureFlags;
    }

    public boolean isValidAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
