package dev.herald.delivery.entity;

import dev.herald.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One HTTP try of a delivery, as logged. Ids of the message, endpoint and application are copied
 * in so the delivery log reads without joins and survives an endpoint's deletion.
 */
@Entity
@Table(name = "herald_attempt", indexes = {
        @Index(columnList = "appId, endpointId, id"),
        @Index(columnList = "appId, msgId, id"),
        @Index(columnList = "timestamp")})
public class Attempt {
    /** Svix's MessageStatus numbers. */
    public static final int SUCCESS = 0;
    public static final int PENDING = 1;
    public static final int FAIL = 2;
    public static final int SENDING = 3;

    @Id
    @Column(length = 40)
    private String id;

    @Column(nullable = false, length = 40)
    private String appId;

    @Column(nullable = false, length = 40)
    private String msgId;

    @Column(nullable = false, length = 40)
    private String endpointId;

    @Column(nullable = false, length = 40)
    private String deliveryId;

    @Column(nullable = false, length = 2048)
    private String url;

    private int attemptNumber;

    private int status;

    /** 0 when no HTTP answer came (network error, timeout, refused target). */
    private int responseStatusCode;

    /** The start of the response body, or the error text when there was no answer. */
    @Column(nullable = false, length = 2048)
    private String response;

    private long responseDurationMs;

    /** 0 scheduled, 1 manual (Svix's MessageAttemptTriggerType). */
    private int triggerType;

    @Column(nullable = false)
    private Instant timestamp;

    /** The message's event type and the caller's event id, copied in for the log's filters. */
    @Column(length = 256)
    private String eventType;

    @Column(length = 256)
    private String eventId;

    protected Attempt() {
    }

    public Attempt(String appId, String msgId, String eventType, String eventId, String endpointId, String deliveryId,
            String url, int attemptNumber, boolean manual, boolean success, int responseStatusCode, String response,
            long responseDurationMs, Instant timestamp) {
        this.eventType = eventType;
        this.eventId = eventId;
        this.triggerType = manual ? 1 : 0;
        this.id = Ids.next("atmpt");
        this.appId = appId;
        this.msgId = msgId;
        this.endpointId = endpointId;
        this.deliveryId = deliveryId;
        this.url = url;
        this.attemptNumber = attemptNumber;
        this.status = success ? SUCCESS : FAIL;
        this.responseStatusCode = responseStatusCode;
        this.response = response;
        this.responseDurationMs = responseDurationMs;
        this.timestamp = timestamp;
    }

    public String getId() {
        return id;
    }

    public String getAppId() {
        return appId;
    }

    public String getMsgId() {
        return msgId;
    }

    public String getEndpointId() {
        return endpointId;
    }

    public String getDeliveryId() {
        return deliveryId;
    }

    public String getUrl() {
        return url;
    }

    public int getAttemptNumber() {
        return attemptNumber;
    }

    public int getStatus() {
        return status;
    }

    public int getResponseStatusCode() {
        return responseStatusCode;
    }

    public String getResponse() {
        return response;
    }

    public long getResponseDurationMs() {
        return responseDurationMs;
    }

    public int getTriggerType() {
        return triggerType;
    }

    public Instant getTimestamp() {
        return timestamp;
    }

    public String getEventType() {
        return eventType;
    }

    public String getEventId() {
        return eventId;
    }
}
