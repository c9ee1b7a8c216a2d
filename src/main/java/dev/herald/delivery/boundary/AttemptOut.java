package dev.herald.delivery.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import dev.herald.delivery.entity.Attempt;
import java.time.Instant;

/**
 * Svix's MessageAttemptOut (with its {@code statusText}), plus the fields of TalentLynk's
 * delivery log: {@code attemptNumber}, {@code eventType}, {@code eventId}, {@code httpStatus}
 * (the status code, or "Network Error" when no HTTP answer came), {@code durationMs} and
 * {@code error} (why the attempt failed; absent on success).
 */
@Schema(name = "MessageAttemptOut", description = "One HTTP attempt: Svix's fields, plus the delivery log's "
        + "(Herald extension: attemptNumber, eventType, eventId, httpStatus, durationMs, error)", requiredProperties = {"id", "url", "response", "responseStatusCode", "responseDurationMs", "status", "statusText", "triggerType", "msgId", "endpointId", "timestamp", "attemptNumber", "httpStatus", "durationMs"},
        properties = {
        @SchemaProperty(name = "id", example = "atmpt_01k0000000000000000000000"),
        @SchemaProperty(name = "response", description = "The first KiB of the answer, or why no answer came"),
        @SchemaProperty(name = "responseStatusCode", description = "0 when no HTTP answer came"),
        @SchemaProperty(name = "status", description = "0 success, 1 pending, 2 fail, 3 sending"),
        @SchemaProperty(name = "statusText", enumeration = {"success", "pending", "fail", "sending"}),
        @SchemaProperty(name = "triggerType", description = "0 scheduled, 1 manual (resend, recover, test send)"),
        @SchemaProperty(name = "attemptNumber", description = "Herald extension: 1 for the first attempt of the delivery"),
        @SchemaProperty(name = "eventType", description = "Herald extension"),
        @SchemaProperty(name = "eventId", description = "Herald extension: the message's eventId, when it has one"),
        @SchemaProperty(name = "httpStatus", description = "Herald extension: the status code, or 'Network Error'", example = "200"),
        @SchemaProperty(name = "durationMs", description = "Herald extension: the same as responseDurationMs"),
        @SchemaProperty(name = "error", description = "Herald extension: why the attempt failed ('HTTP 503', 'Network Error: connection " + "refused', …); absent on success")})
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
