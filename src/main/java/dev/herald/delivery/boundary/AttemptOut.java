package dev.herald.delivery.boundary;

import dev.herald.delivery.entity.Attempt;
import java.time.Instant;

/**
 * Svix's MessageAttemptOut (with its {@code statusText}), plus the fields of TalentLynk's
 * delivery log: {@code attemptNumber}, {@code eventType}, {@code eventId}, {@code httpStatus}
 * (the status code, or "Network Error" when no HTTP answer came), {@code durationMs} and
 * {@code error} (why the attempt failed; absent on success).
 */
public record AttemptOut(String id, String url, String response, int responseStatusCode, long responseDurationMs,
        int status, String statusText, int triggerType, String msgId, String endpointId, Instant timestamp,
        int attemptNumber, String eventType, String eventId, String httpStatus, long durationMs, String error) {
    private static final String[] STATUS_TEXT = {"success", "pending", "fail", "sending"};
    static final String NETWORK_ERROR = "Network Error";

    static AttemptOut of(Attempt a) {
        int code = a.getResponseStatusCode();
        String error = null;
        if (a.getStatus() == Attempt.FAIL) {
            // with no answer, the response column holds the error text ("Network Error: …")
            error = code == 0 ? a.getResponse() : "HTTP " + code;
        }
        return new AttemptOut(a.getId(), a.getUrl(), a.getResponse(), code, a.getResponseDurationMs(), a.getStatus(),
                STATUS_TEXT[a.getStatus()], a.getTriggerType(), a.getMsgId(), a.getEndpointId(), a.getTimestamp(),
                a.getAttemptNumber(), a.getEventType(), a.getEventId(), code == 0 ? NETWORK_ERROR : Integer.toString(code),
                a.getResponseDurationMs(), error);
    }
}
