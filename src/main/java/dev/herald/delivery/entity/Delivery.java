package dev.herald.delivery.entity;

import dev.herald.platform.Times;
import dev.herald.message.entity.Message;
import dev.herald.platform.Ids;
import dev.herald.subscription.entity.Endpoint;
import jakarta.persistence.Column;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.ConstraintMode;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * One message for one endpoint: the row is the truth about what is owed. The queue carries only
 * this row's id and the attempt number, so a lost queue message can be rebuilt from here.
 */
@Entity
@Table(name = "herald_delivery",
        uniqueConstraints = @UniqueConstraint(columnNames = {"msg_id", "endpoint_id"}),
        indexes = {@Index(columnList = "status, nextAttemptAt"), @Index(columnList = "endpoint_id, id")})
public class Delivery {
    @Id
    @Column(length = 40)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "msg_id", foreignKey = @ForeignKey(ConstraintMode.NO_CONSTRAINT))
    private Message message;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "endpoint_id", foreignKey = @ForeignKey(ConstraintMode.NO_CONSTRAINT))
    private Endpoint endpoint;

    // A plain string column, not H2's native ENUM that Hibernate picks by default: after a
    // kill -9, H2 2.2 recovered ENUM columns of this table unreadable ("No enum constant …3").
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 24)
    private DeliveryStatus status = DeliveryStatus.PENDING;

    /** Attempts made so far. */
    private int attempts;

    /**
     * The value of {@link #attempts} when the current retry chain began: 0 at first, the attempt
     * count at a resend or recovery. The retry schedule is applied from here.
     */
    private int chainStart;

    /**
     * A resend asked for while an attempt was under way: Svix queues it rather than refusing, so
     * the chain restarts as soon as that attempt is recorded ({@link #takeResendRequest}).
     */
    private boolean resendPending;

    /** Whether the current chain was started by a person rather than by ingest. */
    private boolean manualChain;

    /**
     * A URL that replaces the endpoint's for this delivery only (a per-object override, like
     * TalentSprout's per-interview webhook URL); checked by the same rules as endpoint URLs.
     */
    @Column(length = 2048)
    private String urlOverride;

    /** When a ticket for this delivery was last put on the queue (the sweeper's guide). */
    private Instant lastQueuedAt;

    /** When the next attempt is due (null once final). */
    private Instant nextAttemptAt;

    /** When the current attempt started, while {@link DeliveryStatus#SENDING}. */
    private Instant sendingSince;

    /** While sending: when the attempt is presumed lost with its instance (its own timeout plus margins). */
    private Instant sendingUntil;

    @Column(nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Delivery() {
    }

    public Delivery(Message message, Endpoint endpoint) {
        this(Ids.next("dlv"), message, endpoint, 0);
    }

    /** A row for a delivery that was owed without one (its id is derived, its attempts recorded already). */
    public Delivery(String id, Message message, Endpoint endpoint, int attempts) {
        this.id = id;
        this.attempts = attempts;
        this.message = message;
        this.endpoint = endpoint;
        this.createdAt = Times.now();
        this.updatedAt = createdAt;
        this.nextAttemptAt = createdAt;
        this.lastQueuedAt = createdAt;
    }

    /** The position in the current retry chain of the next attempt (1 = first of the chain). */
    public int nextChainPosition() {
        return attempts + 1 - chainStart;
    }

    /** A manual resend or a recovery: a fresh retry chain starting now. */
    public void restartChain(Instant now) {
        chainStart = attempts;
        manualChain = true;
        status = DeliveryStatus.PENDING;
        nextAttemptAt = now;
        sendingSince = null;
        sendingUntil = null;
        lastQueuedAt = now;
        updatedAt = now;
    }

    /** Remembers a resend asked for while an attempt is being sent. */
    public void requestResend(Instant now) {
        resendPending = true;
        updatedAt = now;
    }

    /**
     * After an attempt is recorded: if a resend was asked for meanwhile, starts its chain now and
     * answers true (the caller queues the next attempt).
     */
    public boolean takeResendRequest(Instant now) {
        if (!resendPending) {
            return false;
        }
        resendPending = false;
        restartChain(now);
        return true;
    }

    /** Whether the next attempt was asked for by a person (resend, recover). */
    public boolean nextIsManual() {
        return manualChain && attempts == chainStart;
    }

    /** Marks attempt {@code attempts + 1} as under way. */
    public void startAttempt(Instant now, Instant presumedLostAt) {
        status = DeliveryStatus.SENDING;
        sendingSince = now;
        sendingUntil = presumedLostAt;
        updatedAt = now;
    }

    public void succeeded(Instant now) {
        attempts++;
        status = DeliveryStatus.SUCCEEDED;
        nextAttemptAt = null;
        sendingSince = null;
        sendingUntil = null;
        updatedAt = now;
    }

    public void failed(Instant now, Instant retryAt) {
        attempts++;
        status = retryAt == null ? DeliveryStatus.EXHAUSTED : DeliveryStatus.FAILED_WILL_RETRY;
        nextAttemptAt = retryAt;
        sendingSince = null;
        sendingUntil = null;
        updatedAt = now;
        if (retryAt != null) {
            lastQueuedAt = now;
        }
    }

    public String getId() {
        return id;
    }

    public Message getMessage() {
        return message;
    }

    public Endpoint getEndpoint() {
        return endpoint;
    }

    public DeliveryStatus getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant getLastQueuedAt() {
        return lastQueuedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getSendingSince() {
        return sendingSince;
    }

    public String getUrlOverride() {
        return urlOverride;
    }

    public void setUrlOverride(String urlOverride) {
        this.urlOverride = urlOverride;
    }

    public Instant getSendingUntil() {
        return sendingUntil;
    }
}
