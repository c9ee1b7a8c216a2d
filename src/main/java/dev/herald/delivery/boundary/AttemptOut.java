package dev.herald.delivery.boundary;

import dev.herald.delivery.entity.Attempt;
import java.time.Instant;

/** Svix's MessageAttemptOut (with its {@code statusText}), plus Herald's {@code attemptNumber}. */
public record AttemptOut(String id, String url, String response, int responseStatusCode, long responseDurationMs,
        int status, String statusText, int triggerType, String msgId, String endpointId, Instant timestamp,
        int attemptNumber) {
    private static final String[] STATUS_TEXT = {"success", "pending", "fail", "sending"};

    static AttemptOut of(Attempt a) {
        return new AttemptOut(a.getId(), a.getUrl(), a.getResponse(), a.getResponseStatusCode(),
                a.getResponseDurationMs(), a.getStatus(), STATUS_TEXT[a.getStatus()], a.getTriggerType(), a.getMsgId(),
                a.getEndpointId(), a.getTimestamp(), a.getAttemptNumber());
    }
}
