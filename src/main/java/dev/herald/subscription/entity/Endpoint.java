package dev.herald.subscription.entity;

import dev.herald.platform.Times;
import dev.herald.app.entity.Application;
import dev.herald.platform.Ids;
import dev.herald.contract.EndpointContract;
import dev.herald.platform.secrets.SealedConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;

/** A customer's receiver URL within an application, with its signing secret and filters. */
@Entity
@jakarta.persistence.EntityListeners(dev.herald.platform.cache.ConfigGeneration.Listener.class)
@Table(name = "herald_endpoint", uniqueConstraints = @UniqueConstraint(columnNames = {"app_id", "uid"}))
public class Endpoint {
    @Id
    @Column(length = 40)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "app_id")
    private Application app;

    @Column(length = 256)
    private String uid;

    @Column(nullable = false, length = 2048)
    private String url;

    @Column(nullable = false, length = 4096)
    private String description = "";

    /** JSON array of event type names; null means every event type. */
    @Column(length = 16_384)
    private String filterTypes;

    @Column(length = 16_384)
    private String channels;

    private boolean disabled;

    private Integer rateLimit;

    private int apiVersion = 1;

    @Column(length = 16_384)
    private String metadata;

    /** Herald extension: delay in seconds before each attempt, e.g. "0,2,4"; null: the app's. */
    @Column(length = 1024)
    private String retrySchedule;

    /** Since when every attempt has failed (null after a success): drives auto-disable. */
    private Instant failingSince;

    /** Why Herald disabled the endpoint by itself; null when a person did, or it is enabled. */
    @Column(length = 512)
    private String disabledReason;

    /** Deliveries wait while paused (set by an operator over JMX). */
    private boolean paused;

    /** {@code whsec_<base64>}, sealed at rest. */
    @Convert(converter = SealedConverter.class)
    @Column(nullable = false, length = 512)
    private String secret;

    /** The secret before the last rotation, still signed with until {@link #previousSecretUntil}. */
    @Convert(converter = SealedConverter.class)
    @Column(length = 512)
    private String previousSecret;

    private Instant previousSecretUntil;

    /**
     * Herald's delivery contract (method, format, signature, auth, headers, timeout, retryOn) as
     * JSON, sealed at rest since it may hold the receiver's credentials; null: the defaults.
     */
    @Convert(converter = SealedConverter.class)
    @Column(length = 32_768)
    private String contract;

    @Column(nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Endpoint() {
    }

    public Endpoint(Application app, String url, String secret) {
        this.id = Ids.next("ep");
        this.app = app;
        this.url = url;
        this.secret = secret;
        this.createdAt = Times.now();
        this.updatedAt = createdAt;
    }

    public void touch() {
        updatedAt = Times.now();
    }

    public String getId() {
        return id;
    }

    public Application getApp() {
        return app;
    }

    public String getUid() {
        return uid;
    }

    public void setUid(String uid) {
        this.uid = uid;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description == null ? "" : description;
    }

    public String getFilterTypes() {
        return filterTypes;
    }

    public void setFilterTypes(String filterTypes) {
        this.filterTypes = filterTypes;
    }

    public String getChannels() {
        return channels;
    }

    public void setChannels(String channels) {
        this.channels = channels;
    }

    public boolean isDisabled() {
        return disabled;
    }

    /** Through the API: a person's choice, so Herald's own reason no longer applies. */
    public void setDisabled(boolean disabled) {
        if (disabled != this.disabled) {
            this.disabledReason = null;
        }
        this.disabled = disabled;
    }

    public String getDisabledReason() {
        return disabledReason;
    }

    public Integer getRateLimit() {
        return rateLimit;
    }

    public void setRateLimit(Integer rateLimit) {
        this.rateLimit = rateLimit;
    }

    public int getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(int apiVersion) {
        this.apiVersion = apiVersion;
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

    public Instant getFailingSince() {
        return failingSince;
    }

    public boolean isPaused() {
        return paused;
    }

    public void setPaused(boolean paused) {
        this.paused = paused;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    /** Replaces the secret; the old one stays valid for signing until {@code overlapUntil}. */
    public void rotateSecret(String next, Instant overlapUntil) {
        this.previousSecret = secret;
        this.previousSecretUntil = overlapUntil;
        this.secret = next;
    }

    /** The secrets to sign with at {@code now}: the current one first, then the previous while valid. */
    public java.util.List<String> signingSecrets(Instant now) {
        if (previousSecret != null && previousSecretUntil != null && previousSecretUntil.isAfter(now)) {
            return java.util.List.of(secret, previousSecret);
        }
        return java.util.List.of(secret);
    }

    public String getPreviousSecret() {
        return previousSecret;
    }

    public Instant getPreviousSecretUntil() {
        return previousSecretUntil;
    }

    public EndpointContract getContract() {
        return EndpointContract.fromStorage(contract);
    }

    public void setContract(EndpointContract contract) {
        this.contract = contract == null || contract.equals(EndpointContract.DEFAULT) ? null : contract.toStorage();
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
