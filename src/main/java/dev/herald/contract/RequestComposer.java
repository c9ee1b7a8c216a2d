package dev.herald.contract;

import dev.herald.contract.EndpointContract.Format;
import dev.herald.platform.json.Jsonp;
import dev.herald.signing.StandardWebhooksSigner;
import dev.herald.signing.TimestampedHmacSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a message into the request one endpoint's contract asks for: method, body shape,
 * static headers, the receiver's credential, and the signature over the exact body bytes.
 * {@code webhook-id} is always sent, whatever the scheme, so every receiver can deduplicate
 * retries. Plain Java.
 */
public final class RequestComposer {
    public static final String USER_AGENT = "Herald-Webhooks/0.1";
    static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private RequestComposer() {
    }

    /**
     * @param secrets the endpoint's current secret first, then any older one still valid
     * @param eventTime when the event happened: the envelope's {@code timestamp}, the same on
     *     every retry so the body bytes never change
     * @param nowSeconds the signing time
     */
    public static OutgoingRequest compose(EndpointContract contract, String url, List<String> secrets, String msgId,
            String eventType, Instant eventTime, String payload, long nowSeconds) {
        byte[] body = body(contract.format(), eventType, eventTime, payload);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("content-type", "application/json"));
        headers.add(Map.entry("user-agent", USER_AGENT));
        headers.add(Map.entry(StandardWebhooksSigner.ID_HEADER, msgId));
        switch (contract.signature().scheme()) {
            case STANDARD_WEBHOOKS -> {
                headers.add(Map.entry(StandardWebhooksSigner.TIMESTAMP_HEADER, Long.toString(nowSeconds)));
                headers.add(Map.entry(StandardWebhooksSigner.SIGNATURE_HEADER,
                        StandardWebhooksSigner.header(secrets, msgId, nowSeconds, body)));
            }
            case TIMESTAMPED_HMAC -> headers.add(Map.entry(contract.signature().header(),
                    TimestampedHmacSigner.header(secrets, nowSeconds, body)));
            case NONE -> headers.add(Map.entry(StandardWebhooksSigner.TIMESTAMP_HEADER, Long.toString(nowSeconds)));
        }
        contract.headers().forEach((name, value) -> headers.add(Map.entry(name, value)));
        if (contract.auth() != null) {
            headers.add(Map.entry(contract.auth().headerName(), contract.auth().headerValue()));
        }
        return new OutgoingRequest(contract.method(), url, List.copyOf(headers), body);
    }

    static byte[] body(Format format, String eventType, Instant eventTime, String payload) {
        if (format == Format.RAW) {
            return payload.getBytes(StandardCharsets.UTF_8);
        }
        String envelope = "{\"event\":" + Jsonp.PROVIDER.createValue(eventType) + ",\"timestamp\":\""
                + ISO_MILLIS.format(eventTime) + "\",\"data\":" + payload + "}";
        return envelope.getBytes(StandardCharsets.UTF_8);
    }
}
